package dev.weft.execute;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.BsonField;
import com.mongodb.client.model.Field;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import dev.weft.catalog.Column;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.config.ServiceSettings;
import dev.weft.dialect.NullsOrder;
import dev.weft.dialect.WeftException;
import dev.weft.execute.activity.MongoCommands;
import dev.weft.query.KeyBatch;
import dev.weft.query.OrderTerm;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.BsonNull;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;

/**
 * A {@link SourceExecutor} over MongoDB through the official driver: the query model becomes
 * {@code find} commands and aggregation pipelines, never SQL and never JavaScript.
 * <ul>
 *   <li>{@code where}: {@link MongoFilters} (SQL's three-valued logic, escaped regular expressions);</li>
 *   <li>{@code order_by}: a sort; where SQL's placement of nulls differs from MongoDB's (nulls sort
 *       lowest there) an aggregation adds a null flag per key ({@code $ifNull}) and sorts by it first;</li>
 *   <li>{@code limit}/{@code offset}: {@code limit}/{@code skip} ({@code $limit}/{@code $skip});</li>
 *   <li>aggregates: one {@code $group} ({@code $sum}, {@code $avg}, {@code $min}, {@code $max}); a sum over
 *       only nulls is null, as in SQL;</li>
 *   <li>relationship batches: one command per {@code batch-size} keys with {@code $in} (or {@code $or} of
 *       the key columns for composite keys); per-parent {@code limit}/{@code offset} are cut in memory from
 *       the ordered rows ({@link PerKeyPage}), per-parent aggregates are one {@code $group} by the key.</li>
 * </ul>
 * It cannot join within itself ({@link #supportsJoins()} is false): conditions and orders through a
 * relationship between two collections are resolved by {@code CrossSource} as across databases. Nested
 * fields are addressed by dotted paths, which select columns may be too ({@code payload.browser}).
 *
 * <p>Every command carries the service's {@code query-timeout} as {@code maxTimeMS}; driver failures map to
 * {@code SOURCE_UNAVAILABLE} or {@code TIMEOUT}, the driver's text staying in the cause for the log.
 */
public final class MongoSourceExecutor implements SourceExecutor {
    private static final String NULL_FLAG = "_weft_null_";

    private final ServiceSettings settings;
    private final MongoClient client;
    private final MongoDatabase database;
    private final Function<TableRef, Table> tables;
    private final long timeoutMillis;

    public MongoSourceExecutor(ServiceSettings settings, MongoClient client, Function<TableRef, Table> tables) {
        this.settings = settings;
        this.client = client;
        this.database = MongoConnections.database(client, settings);
        this.tables = tables;
        this.timeoutMillis = settings.queryTimeout().toMillis();
    }

    @Override
    public String serviceName() {
        return settings.name();
    }

    @Override
    public boolean supportsJoins() {
        return false;
    }

    @Override
    public List<Row> select(Select select) {
        Table table = tables.apply(select.table());
        if (isEmptyPage(select.page())) {
            return List.of();
        }
        Bson filter = new MongoFilters(table).truth(select.where());
        if (select.isDistinct()) { // the first document of each combination, in memory, then the page
            List<Row> rows = run(() -> rows(table, select.columns(), query(new MongoCall("select", -1, 1, 1), table, filter,
                    select.orderBy(), Page.ALL, select.columns())));
            return PerKeyPage.cut(DistinctRows.first(rows, select.distinctOn()), select.page());
        }
        return run(() -> rows(table, select.columns(), query(new MongoCall("select", -1, 1, 1), table, filter, select.orderBy(),
                select.page(), select.columns())));
    }

    @Override
    public List<Row> selectBatch(Select select, KeyBatch batch) {
        Table table = tables.apply(select.table());
        MongoFilters filters = new MongoFilters(table);
        Bson where = filters.truth(select.where());
        List<Row> rows = new ArrayList<>();
        List<KeyBatch> chunks = chunks(batch);
        for (int i = 0; i < chunks.size(); i++) {
            KeyBatch chunk = chunks.get(i);
            Bson filter = MongoFilters.and(List.of(where, filters.truth(new Predicate.InList(chunk.keyColumns(), chunk.keys(), false))));
            MongoCall call = new MongoCall("select_batch", chunk.keys().size(), i + 1, chunks.size());
            rows.addAll(run(() -> rows(table, select.columns(),
                    query(call, table, filter, select.orderBy(), Page.ALL, select.columns()))));
        }
        List<Row> distinct = DistinctRows.firstPerKey(rows, batch.keyColumns(), select.distinctOn());
        return select.page().isAll() ? distinct : PerKeyPage.apply(distinct, batch.keyColumns(), select.page());
    }

    @Override
    public List<List<Object>> distinctKeys(TableRef ref, List<String> columns, Predicate where, long limit) {
        Table table = tables.apply(ref);
        Document group = new Document();
        for (int i = 0; i < columns.size(); i++) {
            group.append("k" + i, "$" + columns.get(i));
        }
        List<Bson> pipeline = List.of(Aggregates.match(new MongoFilters(table).truth(where)), Aggregates.group(group),
                Aggregates.limit((int) Math.min(Integer.MAX_VALUE, limit)));
        List<Column> keyColumns = columns.stream().map(c -> MongoValues.column(table, c)).toList();
        return run(() -> {
            List<List<Object>> keys = new ArrayList<>();
            for (Document d : aggregate(new MongoCall("distinct_keys", -1, 1, 1), table, pipeline)) {
                keys.add(key(d.get("_id", Document.class), keyColumns));
            }
            return keys;
        });
    }

    @Override
    public Map<String, Object> aggregate(Select select, dev.weft.query.Aggregates aggregates) {
        Table table = tables.apply(select.table());
        if (isEmptyPage(select.page())) {
            return MongoAggregates.values(table, aggregates, null);
        }
        if (select.isDistinct()) { // over the distinct documents, kept in memory as select does
            return PerKeyPage.aggregate(select(PerKeyPage.reading(select, aggregates)), aggregates, table);
        }
        List<Bson> pipeline = new ArrayList<>();
        pipeline.add(Aggregates.match(new MongoFilters(table).truth(select.where())));
        if (!select.page().isAll()) {
            pipeline.addAll(sortStages(select.orderBy()));
            pipeline.addAll(pageStages(select.page()));
        }
        pipeline.add(Aggregates.group(null, MongoAggregates.accumulators(aggregates)));
        return run(() -> {
            List<Document> result = aggregate(new MongoCall("aggregate", -1, 1, 1), table, pipeline);
            return MongoAggregates.values(table, aggregates, result.isEmpty() ? null : result.get(0));
        });
    }

    @Override
    public List<KeyedAggregate> aggregateBatch(Select select, KeyBatch batch, dev.weft.query.Aggregates aggregates) {
        Table table = tables.apply(select.table());
        if (!select.page().isAll() || select.isDistinct()) {
            return PerKeyPage.aggregateInMemory(selectBatch(PerKeyPage.reading(select, aggregates), batch),
                    batch.keyColumns(), aggregates, table);
        }
        MongoFilters filters = new MongoFilters(table);
        Bson where = filters.truth(select.where());
        Document group = new Document();
        for (int i = 0; i < batch.keyColumns().size(); i++) {
            group.append("k" + i, "$" + batch.keyColumns().get(i));
        }
        List<Column> keyColumns = batch.keyColumns().stream().map(c -> MongoValues.column(table, c)).toList();
        List<KeyedAggregate> result = new ArrayList<>();
        List<KeyBatch> chunks = chunks(batch);
        for (int i = 0; i < chunks.size(); i++) {
            KeyBatch chunk = chunks.get(i);
            MongoCall call = new MongoCall("aggregate_batch", chunk.keys().size(), i + 1, chunks.size());
            List<Bson> pipeline = List.of(
                    Aggregates.match(MongoFilters.and(List.of(where, filters.truth(new Predicate.InList(chunk.keyColumns(), chunk.keys(), false))))),
                    Aggregates.group(group, MongoAggregates.accumulators(aggregates)));
            result.addAll(run(() -> {
                List<KeyedAggregate> perKey = new ArrayList<>();
                for (Document d : aggregate(call, table, pipeline)) {
                    perKey.add(new KeyedAggregate(key(d.get("_id", Document.class), keyColumns), MongoAggregates.values(table, aggregates, d)));
                }
                return perKey;
            }));
        }
        return result;
    }

    /** The documents of a filtered, ordered, paged read: a {@code find}, or an aggregation when nulls need placing. */
    private List<Document> query(MongoCall call, Table table, Bson filter, List<OrderTerm> order, Page page,
                                 List<String> columns) {
        MongoCollection<Document> collection = collection(table);
        Bson projection = projection(columns);
        if (order.stream().allMatch(MongoSourceExecutor::nullsWhereMongoPutsThem)) {
            Bson sort = order.isEmpty() ? null : Sorts.orderBy(order.stream().map(t -> direction(t, t.column())).toList());
            Integer skip = page.offset() != null && page.offset() > 0 ? (int) Math.min(Integer.MAX_VALUE, page.offset()) : null;
            Integer limit = page.limit() == null ? null : (int) Math.min(Integer.MAX_VALUE, page.limit());
            var find = collection.find(filter).projection(projection).maxTime(timeoutMillis, TimeUnit.MILLISECONDS).sort(sort)
                    .skip(skip == null ? 0 : skip).limit(limit == null ? 0 : limit); // 0: none
            return call.run(settings.name(), table.ref(), () -> MongoCommands.find(table.ref().name(), filter, sort, projection,
                    skip, limit, collection.getCodecRegistry()), () -> find.into(new ArrayList<>()), e -> failure(e).code());
        }
        List<Bson> pipeline = new ArrayList<>();
        pipeline.add(Aggregates.match(filter));
        pipeline.addAll(sortStages(order));
        pipeline.addAll(pageStages(page));
        pipeline.add(Aggregates.project(projection));
        return aggregate(call, table, pipeline);
    }

    /** {@code $addFields} of the null flags the order needs, then {@code $sort}; nothing for no order. */
    private static List<Bson> sortStages(List<OrderTerm> order) {
        if (order.isEmpty()) {
            return List.of();
        }
        List<Field<?>> flags = new ArrayList<>();
        List<Bson> sorts = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            OrderTerm term = order.get(i);
            if (!nullsWhereMongoPutsThem(term)) {
                String flag = NULL_FLAG + i;
                Document isNull = new Document("$eq", List.of(new Document("$ifNull", List.of("$" + term.column(), BsonNull.VALUE)),
                        BsonNull.VALUE));
                flags.add(new Field<>(flag, new Document("$cond", List.of(isNull, 1, 0))));
                sorts.add(direction(term, flag)); // 1 for null: ascending puts nulls last, descending first
            }
            sorts.add(direction(term, term.column()));
        }
        List<Bson> stages = new ArrayList<>();
        if (!flags.isEmpty()) {
            stages.add(Aggregates.addFields(flags));
        }
        stages.add(Aggregates.sort(Sorts.orderBy(sorts)));
        return stages;
    }

    private static List<Bson> pageStages(Page page) {
        List<Bson> stages = new ArrayList<>();
        if (page.offset() != null && page.offset() > 0) {
            stages.add(Aggregates.skip((int) Math.min(Integer.MAX_VALUE, page.offset())));
        }
        if (page.limit() != null) {
            stages.add(Aggregates.limit((int) Math.min(Integer.MAX_VALUE, page.limit())));
        }
        return stages;
    }

    /** MongoDB sorts null and missing lowest: first ascending, last descending. */
    private static boolean nullsWhereMongoPutsThem(OrderTerm term) {
        if (!term.hops().isEmpty()) {
            throw new IllegalStateException("an order through a relationship reaches a MongoDB source: " + term);
        }
        return term.nulls() == null || term.nulls() == (term.descending() ? NullsOrder.LAST : NullsOrder.FIRST);
    }

    private static Bson direction(OrderTerm term, String field) {
        return term.descending() ? Sorts.descending(field) : Sorts.ascending(field);
    }

    /** The fields to read; a dotted path under a field read whole is left out (MongoDB rejects the overlap). */
    private static Bson projection(List<String> columns) {
        List<String> kept = new ArrayList<>();
        for (String path : new TreeSet<>(columns)) {
            if (kept.stream().noneMatch(k -> path.startsWith(k + "."))) {
                kept.add(path);
            }
        }
        return Projections.include(kept);
    }

    private static List<Object> key(Document group, List<Column> columns) {
        List<Object> key = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            key.add(MongoValues.read(columns.get(i), group == null ? null : group.get("k" + i)));
        }
        return key;
    }

    private static List<Row> rows(Table table, List<String> columns, List<Document> documents) {
        Column[] read = columns.stream().map(c -> MongoValues.column(table, c)).toArray(Column[]::new);
        Row.Layout layout = new Row.Layout(columns, null);
        List<Row> rows = new ArrayList<>(documents.size());
        for (Document d : documents) {
            Object[] values = new Object[read.length];
            for (int i = 0; i < read.length; i++) {
                String path = columns.get(i);
                values[i] = MongoValues.read(read[i], path.indexOf('.') < 0 ? d.get(path) : MongoValues.at(d, path));
            }
            rows.add(new Row(layout, values));
        }
        return rows;
    }

    private List<Document> aggregate(MongoCall call, Table table, List<Bson> pipeline) {
        MongoCollection<Document> collection = collection(table);
        return call.run(settings.name(), table.ref(), () -> MongoCommands.aggregate(table.ref().name(), pipeline,
                collection.getCodecRegistry()), () -> collection.aggregate(pipeline).allowDiskUse(true)
                .maxTime(timeoutMillis, TimeUnit.MILLISECONDS).into(new ArrayList<>()), e -> failure(e).code());
    }

    private MongoCollection<Document> collection(Table table) {
        return database.getCollection(table.ref().name());
    }

    private List<KeyBatch> chunks(KeyBatch batch) {
        int size = settings.batchSize();
        List<KeyBatch> chunks = new ArrayList<>();
        for (int from = 0; from < batch.keys().size(); from += size) {
            chunks.add(new KeyBatch(batch.keyColumns(), batch.keys().subList(from, Math.min(batch.keys().size(), from + size))));
        }
        return chunks;
    }

    private static boolean isEmptyPage(Page page) {
        return page.limit() != null && page.limit() == 0;
    }

    private <T> T run(Supplier<T> command) {
        try {
            return command.get();
        } catch (MongoException e) {
            throw failure(e);
        }
    }

    private WeftException failure(MongoException e) {
        return MongoFailures.of(settings, e);
    }

    @Override
    public boolean isHealthy() {
        try {
            database.runCommand(new Document("ping", 1));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
