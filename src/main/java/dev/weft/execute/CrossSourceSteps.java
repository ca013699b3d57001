package dev.weft.execute;

import dev.weft.query.Aggregates;
import dev.weft.query.Select;
import java.util.List;
import java.util.Map;

/**
 * What the fetchers ask of cross-source planning: the parts of a query that reach into another source
 * (a {@code where} or an {@code order_by} through a relationship to another database, or through any
 * relationship on a source that cannot join within itself). Implemented by {@code dev.weft.plan}, which
 * chooses how to run them; the fetchers only call these steps.
 *
 * <p>Example: {@code rootList(select)} for {@code hrm_employees(where: {status: {status: {_eq: "active"}}})}
 * with employees in MariaDB and statuses in PostgreSQL returns the employees whose status matches,
 * whichever side the planner chose to read first.
 */
public interface CrossSourceSteps {

    /** The rows of a root list: filtered, ordered and paged as asked, across sources. */
    List<Row> rootList(Select select);

    /**
     * {@link #rootList}'s rows as JSON the source builds ({@link SourceExecutor#selectJson}), or empty when they are
     * read as rows: filtered or ordered through another source, or from a source that does not build JSON.
     */
    java.util.Optional<byte[]> rootListJson(Select select, List<String> valueColumns);

    /** The aggregates over all rows of an unpaged select, exact whatever the number of rows or keys. */
    Map<String, Object> aggregate(Select select, Aggregates aggregates);

    /** Whether the select's {@code where} reaches another source (or a junction). */
    boolean filtersRemotely(Select select);

    /**
     * The select with each condition that reaches another source replaced by the keys it matches, for
     * selects whose rows are already bounded by other means (relationship fields, {@code _by_pk}).
     */
    Select resolve(Select select);

    /** Whether an order term goes through a relationship to another source (or one the source cannot join). */
    boolean ordersRemotely(Select select);

    /** The select to send when ordering happens in memory: no ORDER BY, no page, the order columns added. */
    Select unorderedForMemorySort(Select select);

    /**
     * Sorts rows of the select's table by its terms (fetching values through relationships), keeps the first
     * row of each {@code distinct_on} combination, and cuts the page.
     */
    List<Row> sortAndPage(Select select, List<Row> rows);
}
