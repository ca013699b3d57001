package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code mongodb} kind: its URLs, the database they name, and {@code sample-size}. */
class MongoConfigTest {

    private static ConfigValidator.Validation check(String url, Integer sampleSize) {
        return new ConfigValidator(ConfigOrigins.NONE).check(WeftProperties.of(null, Map.of("events",
                new ServiceProperties("mongodb", url, null, null, null, null, null, null, null, null, null, null, sampleSize, null))));
    }

    @Test
    void aMongodbServiceTakesMongodbAndSrvUrlsThatNameADatabase() {
        assertThat(SourceKind.fromConfig("MongoDB")).contains(SourceKind.MONGODB);
        assertThat(check("mongodb://127.0.0.1:27017/events", null).problems()).isEmpty();
        assertThat(check("mongodb+srv://cluster0.example.net/events?retryWrites=true", null).problems()).isEmpty();
        assertThat(check("mongodb://u:p%40ss@h1:27017,h2:27018/events?replicaSet=rs0", null).problems()).isEmpty();
        assertThat(check("mongodb://127.0.0.1:27017", null).problems()).extracting(ConfigProblem::toString)
                .containsExactly("weft.services.events.url: a mongodb URL names its database in the path, as in "
                        + "mongodb://127.0.0.1:27017/events");
        assertThat(check("jdbc:h2:mem:x", null).problems()).extracting(ConfigProblem::toString)
                .containsExactly("weft.services.events.url: a mongodb service needs a URL starting with mongodb:// or mongodb+srv://");
    }

    @Test
    void theDatabaseIsThePathOfTheUrl() {
        assertThat(ConfigValidator.mongoDatabase("mongodb://u:p/w@h:1/events?x=1")).contains("events");
        assertThat(ConfigValidator.mongoDatabase("mongodb://h1,h2/my%20db")).contains("my db");
        assertThat(ConfigValidator.mongoDatabase("mongodb://h1/?authSource=admin")).isEmpty();
        assertThat(ConfigValidator.mongoDatabase("mongodb://h1")).isEmpty();
    }

    @Test
    void sampleSizeDefaultsToAThousandAndIsChecked() {
        assertThat(check("mongodb://h/events", null).services().get(0).sampleSize()).isEqualTo(1000);
        assertThat(check("mongodb://h/events", 50).services().get(0).sampleSize()).isEqualTo(50);
        assertThat(check("mongodb://h/events", 0).problems()).extracting(ConfigProblem::toString)
                .containsExactly("weft.services.events.sample-size: must be between 1 and 1000000, was 0");
        assertThat(new ConfigValidator(ConfigOrigins.NONE).unknownKeys(List.of("weft.services.events.sample-size"))).isEmpty();
    }
}
