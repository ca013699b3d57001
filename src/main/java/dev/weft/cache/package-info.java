/**
 * The response cache of queries marked {@code @cached}: a Caffeine tier in each instance and, when Redis is
 * configured, a tier shared by every instance, with evictions by the tables a mutation wrote.
 */
package dev.weft.cache;
