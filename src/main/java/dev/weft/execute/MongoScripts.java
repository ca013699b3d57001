package dev.weft.execute;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.UuidRepresentation;

/** Seeds a MongoDB collection from a classpath file; the embedded demo fills its {@code events} service with it. */
public final class MongoScripts {

    private MongoScripts() {
    }

    /**
     * Inserts the documents of {@code classpath:<resource>}, one MongoDB Extended JSON document per line
     * ({@code {"_id": {"$oid": "..."}, "at": {"$date": "2024-05-01T09:00:00Z"}}}; blank lines and lines
     * starting with {@code //} are skipped), into {@code collection} of the database {@code url} names.
     */
    public static void insertJsonLines(String url, String collection, String resource) {
        List<Document> documents = new ArrayList<>();
        try (InputStream in = MongoScripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no classpath resource " + resource);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.strip().startsWith("//")) {
                    documents.add(Document.parse(line));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        ConnectionString connection = new ConnectionString(url);
        MongoClientSettings settings = MongoClientSettings.builder().applyConnectionString(connection)
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS)).build();
        try (MongoClient client = MongoClients.create(settings)) {
            client.getDatabase(connection.getDatabase()).getCollection(collection).insertMany(documents);
        }
    }
}
