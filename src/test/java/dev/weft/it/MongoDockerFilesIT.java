package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.Column;
import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.SourceKind;
import dev.weft.config.WeftProperties;
import dev.weft.testing.MongoTestServer;
import dev.weft.web.WeftRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.json.JsonReader;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.Yaml;

/**
 * The MongoDB part of {@code docker/} (no Docker engine here): compose.yml runs {@code mongo:7} with
 * {@code docker/mongodb/events.js} as its init script; that script's validator and documents, loaded into
 * mongo-java-server, give Weft the same {@code clicks} type as the embedded demo's sampled collection, and
 * docker/weft.yml configures the service.
 */
class MongoDockerFilesIT {
    private static final Path DOCKER = Path.of("docker");

    /** A mongodb service over the embedded demo's click events (the rows of docker/mongodb/events.js). */
    static ServiceProperties eventsService(MongoTestServer mongo) {
        String url = mongo.url(MongoTestServer.uniqueName());
        dev.weft.execute.MongoScripts.insertJsonLines(url, "clicks", "demo/events-clicks.jsonl");
        return new ServiceProperties("mongodb", url, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsMongo7WithTheEventsInitScript() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("compose.yml")));
        Map<String, Object> mongodb = ((Map<String, Map<String, Object>>) compose.get("services")).get("mongodb");
        assertThat((String) mongodb.get("image")).startsWith("mongo:7");
        assertThat((List<String>) mongodb.get("volumes")).contains("./mongodb/events.js:/docker-entrypoint-initdb.d/events.js:ro");
        assertThat((List<String>) mongodb.get("ports")).containsExactly("127.0.0.1:27018:27017");
        var loaded = new YamlPropertySourceLoader().load("weft.yml", new FileSystemResource(DOCKER.resolve("weft.yml")));
        WeftProperties properties = new Binder(ConfigurationPropertySources.from(loaded)).bind("weft", Bindable.of(WeftProperties.class)).get();
        ServiceSettings events = new ConfigValidator(ConfigOrigins.NONE).validate(properties).stream()
                .filter(s -> s.name().equals("events")).findFirst().orElseThrow();
        assertThat(events.kind()).isEqualTo(SourceKind.MONGODB);
        assertThat(events.url()).isEqualTo("mongodb://127.0.0.1:27018/events?authSource=admin");
    }

    @Test
    void theInitScriptsValidatorGivesTheTypeTheDemosSampleGives() throws IOException {
        String script = Files.readString(DOCKER.resolve("mongodb/events.js"));
        String options = between(script, "db.createCollection(\"clicks\", ", ");\ndb.clicks.insertMany(");
        String documents = between(script, "db.clicks.insertMany([", "\n]);");
        Document validator = Document.parse(options).get("validator", Document.class);
        try (MongoTestServer mongo = MongoTestServer.start()) {
            String database = MongoTestServer.uniqueName();
            mongo.createWithValidator(database, "clicks", validator.get("$jsonSchema", Document.class));
            mongo.database(database).getCollection("clicks").insertMany(parseArray("[" + documents + "]"));
            Map<String, ServiceProperties> services = Map.of(
                    "events", new ServiceProperties("mongodb", mongo.url(database), null, null, null, null, null, null, null,
                            null, null, null, null, null),
                    "demo", eventsService(mongo));
            List<ServiceSettings> settings = new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, services));
            try (WeftRuntime weft = WeftRuntime.start(settings, RelationshipsFile.parse("r.yml", "relationships: []"),
                    WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS)) {
                List<Column> fromValidator = weft.catalog().sources().stream().filter(s -> s.settings().name().equals("events"))
                        .findFirst().orElseThrow().tables().get(0).columns();
                List<Column> fromSample = weft.catalog().sources().stream().filter(s -> s.settings().name().equals("demo"))
                        .findFirst().orElseThrow().tables().get(0).columns();
                assertThat(shape(fromValidator)).isEqualTo(shape(fromSample));
                assertThat(weft.execute("{ events_clicks_aggregate { aggregate { count } } demo_clicks_aggregate { aggregate { count } } }",
                        Map.of()).toSpecification().get("data")).isEqualTo(Map.of(
                        "events_clicks_aggregate", Map.of("aggregate", Map.of("count", 24)),
                        "demo_clicks_aggregate", Map.of("aggregate", Map.of("count", 24))));
            }
        }
    }

    @Test
    void weftServesTheDockerRelationshipsBetweenMysqlsEmployeesAndTheClicks() throws IOException {
        try (dev.weft.testing.TestDatabase maria = dev.weft.testing.TestDatabase.mariadb(); MongoTestServer mongo = MongoTestServer.start()) {
            maria.execute(statements(Files.readString(DOCKER.resolve("mysql/hr.sql"))));
            String database = MongoTestServer.uniqueName();
            String script = Files.readString(DOCKER.resolve("mongodb/events.js"));
            mongo.database(database).getCollection("clicks").insertMany(parseArray("["
                    + between(script, "db.clicks.insertMany([", "\n]);") + "]"));
            Map<String, ServiceProperties> services = new java.util.LinkedHashMap<>();
            services.put("hr", maria.propertiesFor("mysql"));
            services.put("events", new ServiceProperties("mongodb", mongo.url(database), null, null, null, null, null, null, null,
                    null, null, null, null, null));
            var relationships = RelationshipsFile.parse("docker/relationships.yml", Files.readString(DOCKER.resolve("relationships.yml")))
                    .stream().filter(r -> services.keySet().containsAll(List.of(r.service(), r.refService()))).toList();
            assertThat(relationships).extracting(r -> r.name()).containsExactly("clicks", "employee");
            List<ServiceSettings> settings = new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, services));
            try (WeftRuntime weft = WeftRuntime.start(settings, relationships, WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS)) {
                var r = weft.execute("""
                        { hr_employees(limit: 2, order_by: [{emp_no: asc}]) { emp_no clicks(order_by: [{at: asc}]) { page } }
                          events_clicks_by_pk(_id: "6650a1c2e4b0a1b2c3d40004") { employee { last_name } } }""", Map.of());
                assertThat(r.getErrors()).isEmpty();
                assertThat(dev.weft.testing.CompactJson.write(r.getData())).isEqualTo(dev.weft.testing.CompactJson.compact("""
                        {"hr_employees": [{"emp_no": 10001, "clicks": [{"page": "/products"}, {"page": "/products/42"}, {"page": "/cart"}]},
                                          {"emp_no": 10002, "clicks": [{"page": "/checkout"}, {"page": "/help"}]}],
                         "events_clicks_by_pk": {"employee": {"last_name": "Simmel"}}}"""));
            }
        }
    }

    /** Statements of an SQL script: comment lines dropped, split at a semicolon that ends a line. */
    private static String[] statements(String script) {
        StringBuilder kept = new StringBuilder();
        script.lines().filter(l -> !l.trim().startsWith("--")).forEach(l -> kept.append(l).append('\n'));
        List<String> statements = new ArrayList<>();
        for (String part : kept.toString().split(";\\s*\n")) {
            if (!part.isBlank()) {
                statements.add(part.trim());
            }
        }
        return statements.toArray(String[]::new);
    }

    private static List<String> shape(List<Column> columns) {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            out.add(c.fieldName() + ":" + c.type() + (c.list() ? "[]" : "") + (c.nullable() ? "" : "!") + shape(c.fields()));
        }
        return out;
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("'%s' in events.js", start).isNotNegative();
        from += start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    /** A shell-syntax array of documents ({@code ObjectId(...)}, {@code ISODate(...)}, {@code NumberInt(...)}). */
    private static List<Document> parseArray(String json) {
        Document wrapper = new DocumentCodec().decode(new JsonReader("{\"d\": " + json + "}"), DecoderContext.builder().build());
        return wrapper.getList("d", Document.class);
    }
}
