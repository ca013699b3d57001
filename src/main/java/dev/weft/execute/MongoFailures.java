package dev.weft.execute;

import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import dev.weft.config.ServiceSettings;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import java.time.Duration;

/**
 * Maps a driver failure of a MongoDB service to a client-safe {@link WeftException}; the driver's text stays in the
 * cause, for the log. A timeout names the bound that actually ran out: {@code query-timeout} when the server stopped
 * the command ({@code maxTimeMS}), the socket's read timeout when the server did not answer at all.
 *
 * <pre>{@code
 * MongoFailures.of(settings, e).getMessage()   // "source 'web' did not answer within 2.5s"
 * }</pre>
 */
public final class MongoFailures {

    private MongoFailures() {
    }

    public static WeftException of(ServiceSettings settings, MongoException e) {
        ErrorCode code = e instanceof MongoExecutionTimeoutException || e instanceof MongoSocketReadTimeoutException
                ? ErrorCode.TIMEOUT
                : e instanceof MongoTimeoutException || e instanceof MongoSocketException || e instanceof MongoSecurityException
                ? ErrorCode.SOURCE_UNAVAILABLE : ErrorCode.INTERNAL;
        String source = "source '" + settings.name() + "'";
        String message = switch (code) {
            case SOURCE_UNAVAILABLE -> source + " is unavailable";
            case TIMEOUT -> source + " did not answer within " + seconds(e instanceof MongoSocketReadTimeoutException
                    ? MongoConnections.readTimeout(settings) : settings.queryTimeout());
            default -> source + " failed to run the query";
        };
        return new WeftException(code, message, new MongoException("[" + settings.name() + "] " + e.getMessage(), e));
    }

    /** {@code 2s}, {@code 2.5s}. */
    static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
