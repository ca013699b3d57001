/**
 * Configuration values: the records bound from {@code weft.*} and the validator that turns them
 * into resolved {@link dev.weft.config.ServiceSettings}, collecting every problem at once.
 * No Spring, no I/O.
 */
package dev.weft.config;
