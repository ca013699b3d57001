/**
 * {@code max-response-bytes} held while a GraphQL response is written: the bytes of the JSON text are counted as
 * they stream ({@link dev.weft.web.sizelimit.ResponseBound}); past the limit, a response nothing of which has been
 * sent is replaced with the limit's GraphQL error, and one already partly sent is cut off without a valid end.
 */
package dev.weft.web.sizelimit;
