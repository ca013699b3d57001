package dev.weft.write.mongo;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import dev.weft.catalog.Column;
import dev.weft.catalog.Table;
import dev.weft.execute.MongoFilters;
import dev.weft.execute.MongoValues;
import dev.weft.execute.Row;
import dev.weft.query.Predicate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The commands of one mutation field on one MongoDB database, inside a transaction when {@code session} is
 * given (every command then carries it), else each on its own. Documents are found by a {@code find} of their
 * {@code _id}s, then written by {@code _id} ({@code $in}, in chunks), so the documents counted, checked and
 * returned are the ones written. {@code _id}s stay the raw BSON values the server gave.
 *
 * <p>Without a transaction it remembers the documents it inserted, so that a field that fails afterwards can
 * remove them again ({@link #undoInserts}).
 */
final class MongoWriteSession {
    private static final String ID = "_id";
    private static final int KEYS_PER_COMMAND = 1000;

    private final MongoDatabase database;
    private final ClientSession session;
    private final long timeoutMillis;
    private final Map<String, List<Object>> inserted = new LinkedHashMap<>();

    MongoWriteSession(MongoDatabase database, ClientSession session, long timeoutMillis) {
        this.database = database;
        this.session = session;
        this.timeoutMillis = timeoutMillis;
    }

    boolean transactional() {
        return session != null;
    }

    /** The {@code _id}s of the documents matching {@code where}. */
    List<Object> keys(Table table, Predicate where) {
        return keys(table, new MongoFilters(table).truth(where));
    }

    private List<Object> keys(Table table, Bson filter) {
        MongoCollection<Document> c = collection(table);
        var find = session == null ? c.find(filter) : c.find(session, filter);
        List<Object> keys = new ArrayList<>();
        for (Document d : find.projection(new Document(ID, 1)).maxTime(timeoutMillis, TimeUnit.MILLISECONDS)) {
            keys.add(d.get(ID));
        }
        return keys;
    }

    /** The documents with these {@code _id}s that match {@code where}, every field read as the catalog types it, in key order. */
    List<Row> rows(Table table, List<Object> keys, Predicate where) {
        List<String> columns = table.columns().stream().map(Column::name).toList();
        MongoFilters filters = new MongoFilters(table);
        Map<Object, Row> byKey = new HashMap<>();
        var rowOf = Row.factory(columns);
        for (List<Object> chunk : chunks(keys)) {
            MongoCollection<Document> c = collection(table);
            Bson filter = MongoFilters.and(List.of(Filters.in(ID, chunk), filters.truth(where)));
            var find = session == null ? c.find(filter) : c.find(session, filter);
            for (Document d : find.maxTime(timeoutMillis, TimeUnit.MILLISECONDS)) {
                List<Object> values = new ArrayList<>(columns.size());
                for (String column : columns) {
                    values.add(MongoValues.read(table.requireColumn(column), d.get(column)));
                }
                byKey.put(d.get(ID), rowOf.apply(values));
            }
        }
        List<Row> ordered = new ArrayList<>();
        for (Object key : keys) {
            Row row = byKey.remove(key);
            if (row != null) {
                ordered.add(row);
            }
        }
        return ordered;
    }

    /** How many of the documents with these {@code _id}s match {@code where}. */
    int count(Table table, List<Object> keys, Predicate where) {
        MongoFilters filters = new MongoFilters(table);
        int count = 0;
        for (List<Object> chunk : chunks(keys)) {
            count += keys(table, MongoFilters.and(List.of(Filters.in(ID, chunk), filters.truth(where)))).size();
        }
        return count;
    }

    /**
     * How many of the documents with these {@code _id}s would match {@code check} after {@code $set: set} and
     * {@code $inc: inc}: an aggregation computes each document as the update would leave it ({@code $addFields},
     * every value a {@code $literal}; an increment of a missing field starts from 0, as {@code $inc} does) and
     * matches the check against that, before anything is written.
     */
    int countAfterUpdate(Table table, List<Object> keys, Document set, Document inc, Predicate check) {
        Document fields = new Document();
        set.forEach((field, value) -> fields.append(field, new Document("$literal", value)));
        inc.forEach((field, value) -> fields.append(field, new Document("$add", List.of(
                new Document("$ifNull", List.of("$" + field, 0)), new Document("$literal", value)))));
        Bson passing = new MongoFilters(table).truth(check);
        int count = 0;
        for (List<Object> chunk : chunks(keys)) {
            List<Bson> pipeline = new ArrayList<>();
            pipeline.add(new Document("$match", Filters.in(ID, chunk)));
            if (!fields.isEmpty()) {
                pipeline.add(new Document("$addFields", fields));
            }
            pipeline.add(new Document("$match", passing));
            pipeline.add(new Document("$group", new Document(ID, null).append("n", new Document("$sum", 1))));
            MongoCollection<Document> c = collection(table);
            var aggregate = session == null ? c.aggregate(pipeline) : c.aggregate(session, pipeline);
            Document result = aggregate.maxTime(timeoutMillis, TimeUnit.MILLISECONDS).first();
            count += result == null ? 0 : ((Number) result.get("n")).intValue();
        }
        return count;
    }

    /** Inserts the documents in order ({@code insertMany}); each has its {@code _id}. */
    void insert(Table table, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        MongoCollection<Document> c = collection(table);
        List<Object> ids = inserted.computeIfAbsent(table.ref().name(), n -> new ArrayList<>());
        InsertManyOptions ordered = new InsertManyOptions().ordered(true);
        long start = System.nanoTime();
        try {
            if (session == null) {
                c.insertMany(documents, ordered);
            } else {
                c.insertMany(session, documents, ordered);
            }
            documents.forEach(d -> ids.add(d.get(ID)));
            written("insert", table, documents.size(), start);
        } catch (com.mongodb.MongoBulkWriteException e) {
            // ordered: the documents before the first failing one were inserted
            int failed = e.getWriteErrors().isEmpty() ? 0 : e.getWriteErrors().get(0).getIndex();
            documents.subList(0, Math.min(failed, documents.size())).forEach(d -> ids.add(d.get(ID)));
            throw e;
        }
    }

    /** {@code updateMany} of the documents with these {@code _id}s; the number of documents matched. */
    long update(Table table, List<Object> keys, Document set, Document inc) {
        Document update = new Document();
        if (!set.isEmpty()) {
            update.append("$set", set);
        }
        if (!inc.isEmpty()) {
            update.append("$inc", inc);
        }
        long matched = 0;
        long start = System.nanoTime();
        for (List<Object> chunk : chunks(keys)) {
            MongoCollection<Document> c = collection(table);
            Bson filter = Filters.in(ID, chunk);
            matched += (session == null ? c.updateMany(filter, update) : c.updateMany(session, filter, update)).getMatchedCount();
        }
        written("update", table, matched, start);
        return matched;
    }

    /** {@code deleteMany} of the documents with these {@code _id}s; the number deleted. */
    long delete(Table table, List<Object> keys) {
        long deleted = 0;
        long start = System.nanoTime();
        for (List<Object> chunk : chunks(keys)) {
            MongoCollection<Document> c = collection(table);
            Bson filter = Filters.in(ID, chunk);
            deleted += (session == null ? c.deleteMany(filter) : c.deleteMany(session, filter)).getDeletedCount();
        }
        written("delete", table, deleted, start);
        return deleted;
    }

    /**
     * Reports a write to the request's listeners, as the SQL writers do: the audit log's tables written, and the
     * response cache's eviction of the entries that read the collection.
     */
    private static void written(String kind, Table table, long documents, long start) {
        dev.weft.execute.activity.Activity.statement(new dev.weft.execute.activity.StatementRun(
                table.ref().service().value(), table.ref(), kind, true, "mongodb", null, null, -1, 1, 1, documents,
                System.nanoTime() - start, "success"));
    }

    /**
     * Without a transaction: deletes the documents this field inserted (best effort; a failure here leaves
     * them and is the caller's to report). Updates and deletes that already ran are not undone.
     */
    void undoInserts() {
        inserted.forEach((collection, ids) -> {
            for (List<Object> chunk : chunks(ids)) {
                database.getCollection(collection).deleteMany(Filters.in(ID, chunk));
            }
        });
        inserted.clear();
    }

    private MongoCollection<Document> collection(Table table) {
        return database.getCollection(table.ref().name());
    }

    private static List<List<Object>> chunks(List<Object> keys) {
        List<List<Object>> chunks = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += KEYS_PER_COMMAND) {
            chunks.add(keys.subList(i, Math.min(keys.size(), i + KEYS_PER_COMMAND)));
        }
        return chunks;
    }
}
