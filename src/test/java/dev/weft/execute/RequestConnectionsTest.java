package dev.weft.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** {@link RequestConnections} over a counting stand-in for a pool: which statement gets which connection, and when it goes back. */
class RequestConnectionsTest {

    /** Hands out numbered connections and records which were closed (returned to the pool). */
    private static final class CountingPool {
        final List<Connection> handedOut = new ArrayList<>();
        final List<Connection> returned = new ArrayList<>();
        final DataSource dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return connection();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        private Connection connection() {
            Connection[] self = new Connection[1];
            self[0] = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "close" -> {
                            returned.add(self[0]);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "connection " + handedOut.indexOf(proxy);
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            handedOut.add(self[0]);
            return self[0];
        }
    }

    @Test
    void withoutAScopeEveryStatementBorrowsAndReturnsItsOwnConnection() throws SQLException {
        CountingPool pool = new CountingPool();
        for (int i = 0; i < 2; i++) {
            Connection c = RequestConnections.borrow(pool.dataSource);
            RequestConnections.done(pool.dataSource, c, true);
        }
        assertThat(pool.handedOut).hasSize(2);
        assertThat(pool.returned).containsExactlyElementsOf(pool.handedOut);
    }

    @Test
    void aScopeKeepsOneConnectionPerPoolForTheNextStatementAndReturnsItAtTheEnd() throws SQLException {
        CountingPool shop = new CountingPool();
        CountingPool crm = new CountingPool();
        try (RequestConnections scope = RequestConnections.open()) {
            for (int i = 0; i < 3; i++) {
                Connection c = RequestConnections.borrow(shop.dataSource);
                RequestConnections.done(shop.dataSource, c, true);
                Connection d = RequestConnections.borrow(crm.dataSource);
                RequestConnections.done(crm.dataSource, d, true);
            }
            assertThat(shop.handedOut).hasSize(1);
            assertThat(crm.handedOut).hasSize(1);
            assertThat(shop.returned).isEmpty();
        }
        assertThat(shop.returned).containsExactlyElementsOf(shop.handedOut);
        assertThat(crm.returned).containsExactlyElementsOf(crm.handedOut);
        Connection after = RequestConnections.borrow(shop.dataSource);
        RequestConnections.done(shop.dataSource, after, true);
        assertThat(shop.returned).as("no scope after close").hasSize(2);
    }

    @Test
    void aFailedStatementsConnectionGoesBackToThePoolInsteadOfBeingKept() throws SQLException {
        CountingPool pool = new CountingPool();
        try (RequestConnections scope = RequestConnections.open()) {
            Connection first = RequestConnections.borrow(pool.dataSource);
            RequestConnections.done(pool.dataSource, first, false);
            assertThat(pool.returned).containsExactly(first);
            Connection second = RequestConnections.borrow(pool.dataSource);
            assertThat(second).isNotSameAs(first);
            RequestConnections.done(pool.dataSource, second, true);
        }
        assertThat(pool.handedOut).hasSize(2);
        assertThat(pool.returned).containsExactlyElementsOf(pool.handedOut);
    }

    @Test
    void otherThreadsBorrowTheirOwnAndReleaseHeldReturnsWhatTheScopeKeeps() throws Exception {
        CountingPool pool = new CountingPool();
        try (RequestConnections scope = RequestConnections.open()) {
            Connection kept = RequestConnections.borrow(pool.dataSource);
            RequestConnections.done(pool.dataSource, kept, true);
            Connection elsewhere = CompletableFuture.supplyAsync(() -> {
                try {
                    Connection c = RequestConnections.borrow(pool.dataSource);
                    RequestConnections.done(pool.dataSource, c, true);
                    return c;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).get();
            assertThat(elsewhere).isNotSameAs(kept);
            assertThat(pool.returned).as("the other thread has no scope").containsExactly(elsewhere);
            RequestConnections.releaseHeld();
            assertThat(pool.returned).containsExactly(elsewhere, kept);
            Connection next = RequestConnections.borrow(pool.dataSource);
            assertThat(next).as("a new one after releaseHeld").isNotSameAs(kept);
            RequestConnections.done(pool.dataSource, next, true);
        }
        assertThat(pool.returned).hasSize(3);
    }

    @Test
    void anInnerScopeReturnsItsOwnAndRestoresTheOuter() throws SQLException {
        CountingPool pool = new CountingPool();
        try (RequestConnections outer = RequestConnections.open()) {
            Connection o = RequestConnections.borrow(pool.dataSource);
            RequestConnections.done(pool.dataSource, o, true);
            try (RequestConnections inner = RequestConnections.open()) {
                Connection i = RequestConnections.borrow(pool.dataSource);
                assertThat(i).isNotSameAs(o);
                RequestConnections.done(pool.dataSource, i, true);
            }
            assertThat(pool.returned).hasSize(1);
            assertThat(RequestConnections.borrow(pool.dataSource)).as("the outer scope's, kept").isSameAs(o);
            RequestConnections.done(pool.dataSource, o, true);
        }
        assertThat(pool.returned).hasSize(2);
    }
}
