package dev.weft.write.mongo;

import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.TransactionOptions;
import com.mongodb.WriteConcern;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.weft.catalog.Table;
import dev.weft.config.ServiceSettings;
import dev.weft.dialect.WeftException;
import dev.weft.execute.MongoConnections;
import dev.weft.query.Predicate;
import dev.weft.write.SourceWriter;
import dev.weft.write.WriteGuards;
import dev.weft.write.WriteResult;
import dev.weft.write.WriteStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SourceWriter} over MongoDB through the official driver, for the steps {@code MutationFetchers}
 * builds under the caller's write permissions (the same steps as for SQL):
 * <ul>
 *   <li>insert: {@code insertMany} (ordered); a document without {@code _id} gets a new ObjectId when
 *       {@code _id} is an ObjectId field, else the field fails; {@code on_conflict} finds the document with the
 *       inserted values of the unique index, then updates it ({@code $set}) or inserts, row by row;</li>
 *   <li>update: the {@code _id}s of the matching documents ({@code find}), then {@code updateMany} with
 *       {@code $set}/{@code $inc} by {@code _id};</li>
 *   <li>delete: the {@code _id}s, {@code returning} read, then {@code deleteMany} by {@code _id}.</li>
 * </ul>
 * An update's {@code check} is evaluated before the write, on the documents as the update will leave them
 * (an aggregation, {@link MongoWriteSession#countAfterUpdate}); an insert's after the insert. {@code returning}
 * is read back by {@code _id} with the caller's read filter.
 *
 * <p>Atomicity is decided once per source at start-up ({@link MongoDeployment}): on a replica set or a sharded
 * cluster a field runs in one transaction (snapshot read concern, majority write concern) and any failure
 * aborts it. On a standalone server (no transactions) each command stands on its own: a failing field
 * deletes the documents it inserted again, but updates and deletes it already made stay.
 */
public final class MongoSourceWriter implements SourceWriter {
    private static final Logger log = LoggerFactory.getLogger(MongoSourceWriter.class);

    private final ServiceSettings settings;
    private final MongoClient client;
    private final MongoDatabase database;
    private final boolean transactions;

    public MongoSourceWriter(ServiceSettings settings, MongoClient client, boolean transactions) {
        this.settings = settings;
        this.client = client;
        this.database = MongoConnections.database(client, settings);
        this.transactions = transactions;
    }

    /** Whether a field runs in a MongoDB transaction. */
    public boolean transactional() {
        return transactions;
    }

    @Override
    public List<WriteResult> write(List<WriteStep> steps) {
        WriteStep current = steps.get(0);
        ClientSession session = null;
        try {
            session = transactions ? client.startSession() : null;
            if (session != null) {
                session.startTransaction(TransactionOptions.builder().readConcern(ReadConcern.SNAPSHOT)
                        .writeConcern(WriteConcern.MAJORITY)
                        .maxCommitTime(settings.queryTimeout().toMillis(), TimeUnit.MILLISECONDS).build());
            }
            MongoWriteSession s = new MongoWriteSession(database, session, settings.queryTimeout().toMillis());
            try {
                List<WriteResult> results = new ArrayList<>();
                for (WriteStep step : steps) {
                    current = step;
                    results.add(run(s, step));
                }
                if (session != null) {
                    session.commitTransaction();
                }
                return results;
            } catch (RuntimeException e) {
                undo(session, s);
                throw e;
            }
        } catch (MongoException e) {
            throw MongoWriteFailures.of(settings, current.table().ref(), e);
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    private void undo(ClientSession session, MongoWriteSession s) {
        try {
            if (session != null) {
                if (session.hasActiveTransaction()) {
                    session.abortTransaction();
                }
            } else {
                s.undoInserts();
            }
        } catch (RuntimeException e) {
            log.warn("[{}] could not undo a failed mutation: {}", settings.name(), e.toString());
        }
    }

    private WriteResult run(MongoWriteSession s, WriteStep step) {
        return switch (step) {
            case WriteStep.Insert insert -> insert(s, insert);
            case WriteStep.Update update -> update(s, update);
            case WriteStep.Delete delete -> delete(s, delete);
        };
    }

    private WriteResult insert(MongoWriteSession s, WriteStep.Insert step) {
        Table table = step.table();
        WriteGuards.bound(step, step.rows().size());
        List<Object> inserted = new ArrayList<>();
        List<Object> top = new ArrayList<>();
        int count = 0;
        if (step.upsert() == null) {
            List<Document> documents = new ArrayList<>();
            for (WriteStep.InsertRow row : step.rows()) {
                documents.add(document(table, row));
            }
            s.insert(table, documents);
            documents.forEach(d -> inserted.add(d.get("_id")));
            top.addAll(inserted);
            count = documents.size();
        } else {
            for (WriteStep.InsertRow row : step.rows()) {
                Document document = document(table, row);
                Object existing = conflicting(s, table, step.upsert(), row.values());
                if (existing == null) {
                    s.insert(table, List.of(document));
                    inserted.add(document.get("_id"));
                    top.add(document.get("_id"));
                    count++;
                } else if (upsert(s, table, step.upsert(), row.values(), existing)) {
                    top.add(existing);
                    count++;
                }
            }
        }
        if (!inserted.isEmpty() && !Predicate.TRUE.equals(step.check())) {
            WriteGuards.check(table.ref(), inserted.size(), s.count(table, inserted, step.check()), "insert");
        }
        return new WriteResult(count, s.rows(table, top, step.visible()));
    }

    /** The row as a document; a missing {@code _id} of ObjectId type is generated here, so the key is known. */
    private static Document document(Table table, WriteStep.InsertRow row) {
        if (!row.parents().isEmpty() || !row.children().isEmpty()) {
            throw new IllegalStateException("nested inserts reach a MongoDB source: collections have no foreign keys");
        }
        Document document = MongoWriteValues.document(table, row.values());
        if (document.get("_id") == null) {
            if (table.requireColumn("_id").type() != dev.weft.catalog.ColumnType.OBJECT_ID) {
                throw WeftException.badInput("give a value for _id of " + table.ref() + ": only ObjectIds are generated");
            }
            document.put("_id", new ObjectId());
        }
        return document;
    }

    /** The {@code _id} of the document with the row's values of the upsert's unique index, or null. */
    private static Object conflicting(MongoWriteSession s, Table table, WriteStep.Upsert upsert, Map<String, Object> row) {
        List<Predicate> same = new ArrayList<>();
        for (String column : upsert.constraintColumns()) {
            if (row.get(column) == null) {
                return null; // a missing value never matches an existing row's, as in SQL
            }
            same.add(new Predicate.Compare(column, Predicate.CompareOp.EQ, row.get(column)));
        }
        List<Object> keys = s.keys(table, new Predicate.And(same));
        return keys.isEmpty() ? null : keys.get(0);
    }

    /** Updates the conflicting document when the upsert has columns to update and the role may update it. */
    private static boolean upsert(MongoWriteSession s, Table table, WriteStep.Upsert upsert, Map<String, Object> row, Object key) {
        if (upsert.updateColumns().isEmpty() || s.count(table, List.of(key), upsert.where()) == 0) {
            return false;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        upsert.updateColumns().forEach(c -> values.put(c, row.get(c)));
        values.putAll(upsert.presets());
        Document set = set(table, values);
        if (!Predicate.TRUE.equals(upsert.check())) {
            WriteGuards.check(table.ref(), 1, s.countAfterUpdate(table, List.of(key), set, new Document(), upsert.check()), "update");
        }
        s.update(table, List.of(key), set, new Document());
        return true;
    }

    private WriteResult update(MongoWriteSession s, WriteStep.Update step) {
        Table table = step.table();
        List<Object> keys = s.keys(table, step.where());
        WriteGuards.bound(step, keys.size());
        Document set = set(table, step.set());
        Document inc = MongoWriteValues.document(table, step.inc());
        if (!keys.isEmpty() && !Predicate.TRUE.equals(step.check())) {
            WriteGuards.check(table.ref(), keys.size(), s.countAfterUpdate(table, keys, set, inc, step.check()), "update");
        }
        long matched = set.isEmpty() && inc.isEmpty() || keys.isEmpty() ? keys.size() : s.update(table, keys, set, inc);
        return new WriteResult((int) matched, s.rows(table, keys, step.visible()));
    }

    private static Document set(Table table, Map<String, Object> values) {
        if (values.containsKey("_id")) {
            throw WeftException.badInput("the _id of a document of " + table.ref() + " cannot change");
        }
        return MongoWriteValues.document(table, values);
    }

    private WriteResult delete(MongoWriteSession s, WriteStep.Delete step) {
        Table table = step.table();
        List<Object> keys = s.keys(table, step.where());
        WriteGuards.bound(step, keys.size());
        var returning = s.rows(table, keys, step.visible());
        long deleted = keys.isEmpty() ? 0 : s.delete(table, keys);
        return new WriteResult((int) deleted, returning);
    }
}
