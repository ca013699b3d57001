/**
 * Explain: runs one GraphQL query as its caller while listening to what it sends to the sources
 * ({@link dev.weft.execute.activity.Activity}), discards the data, and answers with the plan that ran: per source the
 * statements (SQL, or the MongoDB command) with their parameters' types, rows and times, and the cross-source
 * planner's choices. Mutations are refused, never run.
 */
package dev.weft.explain;
