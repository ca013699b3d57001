package dev.weft.write;

import java.util.List;

/**
 * Writes to one source. Implemented for JDBC sources ({@link JdbcSourceWriter}: PostgreSQL,
 * MariaDB/MySQL, DB2, H2) and for MongoDB ({@link dev.weft.write.mongo.MongoSourceWriter}, in one
 * transaction only where the deployment has transactions); the schema offers mutations on the tables
 * of the sources {@link Writers#writable} accepts.
 *
 * <pre>{@code
 * List<WriteResult> results = writer.write(List.of(step));   // one transaction: all steps, or none
 * }</pre>
 */
public interface SourceWriter {
    /**
     * Runs the steps in order in one transaction and commits; on any failure rolls everything back
     * and throws a {@link dev.weft.dialect.WeftException} with a client-safe message (a constraint
     * violation is BAD_USER_INPUT naming the constraint).
     */
    List<WriteResult> write(List<WriteStep> steps);
}
