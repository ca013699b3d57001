package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.Db2Database;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One database and one {@link WeftRuntime} (service {@code hr}) per test class and {@link Target}:
 * the schema and seed rows are created once in {@link #start()}, every test only reads, and both are
 * dropped in {@link #stop()}. A server that is down fails the class (never skips it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TargetScenario {
    protected TestDatabase db;
    /** The URL of the in-memory database of a scenario on {@link Target#H2}; null otherwise. */
    protected String h2Url;
    /** The database of a scenario on {@link Target#DB2}; null otherwise. */
    protected Db2Database derby;
    protected WeftRuntime weft;

    /** The engine and driver this subclass runs on. */
    protected abstract Target target();

    /** DDL and inserts, in order, in this target's dialect. */
    protected abstract List<String> setup(Target target);

    @BeforeAll
    void start() {
        if (target() == Target.DB2) {
            startOnDerby();
            return;
        }
        if (target() == Target.H2) {
            startOnH2();
            return;
        }
        db = TestDatabase.create(target().server);
        try {
            db.execute(setup(target()).toArray(String[]::new));
            weft = WeftRuntime.start(List.of(db.service("hr", target().kind)));
        } catch (RuntimeException | Error e) {
            db.close();
            db = null;
            throw e;
        }
    }

    private void startOnDerby() {
        derby = Db2Database.create();
        try {
            derby.execute(setup(Target.POSTGRES).toArray(String[]::new));
            weft = WeftRuntime.start(List.of(derby.service("hr")));
        } catch (RuntimeException | Error e) {
            derby.close();
            derby = null;
            throw e;
        }
    }

    private void startOnH2() {
        h2Url = "jdbc:h2:mem:weft_t_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(h2Url, "sa", ""); java.sql.Statement s = c.createStatement()) {
            for (String sql : setup(Target.POSTGRES)) {
                s.execute(sql);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError("test setup failed on H2: " + e.getMessage(), e);
        }
        weft = WeftRuntime.start(TestDatabase.services(Map.of("hr", new dev.weft.config.ServiceProperties("h2", h2Url, "sa", "",
                null, null, null, null, null, null, null, null, null, null))));
    }

    @AfterAll
    void stop() {
        try {
            if (weft != null) {
                weft.close();
            }
        } finally {
            if (db != null) {
                db.close();
            }
            if (derby != null) {
                derby.close();
            }
            if (h2Url != null) {
                try (java.sql.Connection c = java.sql.DriverManager.getConnection(h2Url, "sa", "");
                     java.sql.Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN"); // the in-memory database is kept (DB_CLOSE_DELAY=-1) until now
                } catch (java.sql.SQLException e) {
                    throw new AssertionError("cannot drop the H2 test database: " + e.getMessage(), e);
                }
            }
        }
    }

    protected ExecutionResult execute(String query) {
        return execute(query, Map.of());
    }

    protected ExecutionResult execute(String query, Map<String, Object> variables) {
        return weft.execute(query, variables);
    }

    /** The data of a query that must succeed. */
    protected Map<String, Object> data(String query) {
        return GraphqlAssertions.data(execute(query));
    }

    protected Map<String, Object> data(String query, Map<String, Object> variables) {
        return GraphqlAssertions.data(execute(query, variables));
    }

    /** The values of {@code field} in each element of the list at {@code path}, in order. */
    protected static List<Object> column(Object data, String path, String field) {
        List<Map<String, Object>> rows = GraphqlAssertions.at(data, path);
        assertThat(rows).as(path).isNotNull();
        List<Object> values = new ArrayList<>();
        rows.forEach(r -> values.add(r.get(field)));
        return values;
    }

    /** The value at {@code path} (see {@link GraphqlAssertions#at}), typed as Object for assertions. */
    protected static Object get(Object data, String path) {
        return GraphqlAssertions.at(data, path);
    }

    /** For each element of {@code elements}, the value at {@code path} inside it (null where a step is null). */
    protected static List<Object> each(List<Object> elements, String path) {
        List<Object> values = new ArrayList<>();
        for (Object element : elements) {
            Object current = element;
            for (String part : path.split("\\.")) {
                current = current == null ? null : ((Map<?, ?>) current).get(part);
            }
            values.add(current);
        }
        return values;
    }

    /** The values of {@code field} in the list of the single root field of {@code query}. */
    protected List<Object> values(String query, String root, String field) {
        return column(data(query), root, field);
    }
}
