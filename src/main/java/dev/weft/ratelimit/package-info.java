/**
 * Request rates per role and per API key ({@code limits: { requests-per-minute, requests-per-second }} in
 * access.yml), counted with Bucket4j in each instance or, when Redis is configured, in Redis for every instance.
 */
package dev.weft.ratelimit;
