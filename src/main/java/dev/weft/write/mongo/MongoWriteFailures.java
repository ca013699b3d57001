package dev.weft.write.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import dev.weft.catalog.TableRef;
import dev.weft.config.ServiceSettings;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.execute.MongoFailures;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a driver failure of a MongoDB write into a client-safe {@link WeftException}: a write the server refused
 * for its data is BAD_USER_INPUT naming the unique index (duplicate key), the collection's validator or the kind of
 * refusal, never the server's text (a duplicate key error quotes the values); other failures are classified as
 * reads are ({@link MongoFailures}). The driver's text stays in the cause, for the log.
 *
 * <pre>{@code
 * E11000 duplicate key error collection: shop.accounts index: accounts_name_key dup key: { name: "alice" }
 *   -> BAD_USER_INPUT: the write to shop..accounts violates the unique index 'accounts_name_key'
 * }</pre>
 */
final class MongoWriteFailures {
    private static final Pattern INDEX = Pattern.compile("index: ([^\\s]+)");

    private MongoWriteFailures() {
    }

    static WeftException of(ServiceSettings settings, TableRef table, MongoException e) {
        Optional<String> refusal = refusal(e);
        if (refusal.isPresent()) {
            return new WeftException(ErrorCode.BAD_USER_INPUT, "the write to " + table + " " + refusal.get(),
                    new MongoException("[" + settings.name() + "] " + e.getMessage(), e));
        }
        WeftException classified = MongoFailures.of(settings, e);
        if (classified.code() == ErrorCode.INTERNAL) {
            return new WeftException(ErrorCode.INTERNAL, "source '" + settings.name() + "' failed to run the mutation",
                    classified.getCause());
        }
        return classified;
    }

    /** What the server refused in the data, or empty when the failure is not about the data. */
    static Optional<String> refusal(MongoException e) {
        int code;
        String message;
        if (e instanceof MongoBulkWriteException bulk && !bulk.getWriteErrors().isEmpty()) {
            code = bulk.getWriteErrors().get(0).getCode();
            message = bulk.getWriteErrors().get(0).getMessage();
        } else if (e instanceof MongoWriteException write) {
            code = write.getError().getCode();
            message = write.getError().getMessage();
        } else if (e instanceof MongoServerException server) {
            code = server.getCode();
            message = server.getMessage();
        } else {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (code) {
            case 11000, 11001 -> {
                Matcher m = INDEX.matcher(message == null ? "" : message);
                yield m.find() ? "violates the unique index '" + m.group(1) + "'" : "violates a unique index of the collection";
            }
            case 121 -> "violates the collection's validator";
            case 66 -> "would change a field that cannot change";
            case 14, 2 -> "has a value of the wrong type for the operation";
            case 17419, 10334, 17420 -> "makes a document larger than MongoDB allows";
            default -> null;
        });
    }
}
