package dev.weft.write.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.TableRef;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.testing.TestDatabase;
import java.util.Map;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/**
 * The client-safe errors of MongoDB writes, from the driver's exceptions as MongoDB reports them (codes and
 * messages of MongoDB 7): the data's refusals are BAD_USER_INPUT and never quote the server's text.
 */
class MongoWriteFailuresTest {
    private static final ServiceSettings SHOP = TestDatabase.services(Map.of("shop", new ServiceProperties("mongodb",
            "mongodb://127.0.0.1:1/shop", null, null, null, null, null, null, null, null, null, null, null, null))).get(0);
    private static final TableRef ACCOUNTS = new TableRef(new ServiceName("shop"), null, "accounts");

    private static WeftException written(int code, String message) {
        return MongoWriteFailures.of(SHOP, ACCOUNTS, new MongoWriteException(new WriteError(code, message, new BsonDocument()),
                new ServerAddress("127.0.0.1", 1), java.util.Set.of()));
    }

    @Test
    void aDuplicateKeyNamesTheIndexNotTheValues() {
        WeftException e = written(11000, "E11000 duplicate key error collection: shop.accounts index: accounts_name_key"
                + " dup key: { name: \"alice\" }");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
        assertThat(e.getMessage()).isEqualTo("the write to shop.accounts violates the unique index 'accounts_name_key'");
        assertThat(e.getCause().getMessage()).as("the server's text stays in the cause, for the log").contains("alice");
    }

    @Test
    void otherRefusalsOfTheDataAreBadUserInputToo() {
        assertThat(written(121, "Document failed validation").getMessage())
                .isEqualTo("the write to shop.accounts violates the collection's validator");
        WeftException inc = written(14, "Cannot apply $inc to a value of non-numeric type. {_id: 3101} has the field 'balance'"
                + " of non-numeric type null");
        assertThat(inc.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
        assertThat(inc.getMessage()).doesNotContain("3101").doesNotContain("$inc");
        assertThat(written(66, "Performing an update on the path '_id' would modify the immutable field '_id'").code())
                .isEqualTo(ErrorCode.BAD_USER_INPUT);
    }

    @Test
    void anUnreachableServerIsSourceUnavailableAndAnUnknownFailureInternal() {
        WeftException down = MongoWriteFailures.of(SHOP, ACCOUNTS, new MongoSocketOpenException("refused",
                new ServerAddress("127.0.0.1", 1)));
        assertThat(down.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
        assertThat(down.getMessage()).isEqualTo("source 'shop' is unavailable");
        WeftException odd = written(8000, "something the server says");
        assertThat(odd.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(odd.getMessage()).isEqualTo("source 'shop' failed to run the mutation");
    }
}
