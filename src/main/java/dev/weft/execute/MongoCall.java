package dev.weft.execute;

import com.mongodb.MongoException;
import dev.weft.catalog.TableRef;
import dev.weft.dialect.ErrorCode;
import dev.weft.execute.activity.Activity;
import dev.weft.execute.activity.MongoCommands;
import dev.weft.execute.activity.StatementRun;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * What a MongoDB command of {@link MongoSourceExecutor} is for, as {@link Activity} reports it: its kind (select,
 * select_batch, distinct_keys, aggregate, aggregate_batch), and its keys and place among a batch's chunks.
 */
record MongoCall(String kind, int keys, int chunk, int chunks) {

    /** Runs the command, reporting it (its shape only when a listener wants the text) when someone listens. */
    List<Document> run(String service, TableRef table, Supplier<MongoCommands.Shaped> command, Supplier<List<Document>> body,
                       Function<MongoException, ErrorCode> classify) {
        if (!Activity.listening()) {
            return body.get();
        }
        long start = System.nanoTime();
        List<Document> documents = null;
        String outcome = "INTERNAL";
        try {
            documents = body.get();
            outcome = "success";
            return documents;
        } catch (MongoException e) {
            outcome = classify.apply(e).name();
            throw e;
        } finally {
            MongoCommands.Shaped shaped = Activity.wantsText() ? command.get() : null;
            Activity.statement(new StatementRun(service, table, kind, false, "mongodb", shaped == null ? null : shaped.json(),
                    shaped == null ? null : shaped.parameters(), keys, chunk, chunks, documents == null ? 0 : documents.size(),
                    System.nanoTime() - start, outcome));
        }
    }
}
