package dev.weft.introspect;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Source;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.config.ServiceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Infers the tables of one MongoDB service: every collection and view of the URL's database that the
 * include/exclude globs select (never {@code system.*}), sorted by name. A collection's fields come from
 * its {@code $jsonSchema} validator when it has one, else from its first {@code sample-size} documents in
 * natural order (default 1000), by {@link FieldShape}'s widening rule; fields appear in the order they were
 * first seen, {@code _id} first. {@code _id} is the primary key ({@code _by_pk}) of every collection; a
 * collection with no documents and no validator has only {@code _id}, an ObjectId. Views have no key.
 * Field names become GraphQL names by the rule of SQL columns ({@code GraphqlNames.field}).
 *
 * <pre>{@code
 * Source events = new MongoIntrospector(settings).read(client.getDatabase("events"));
 * }</pre>
 */
public final class MongoIntrospector {
    static final String ID = "_id";

    private final ServiceSettings settings;

    public MongoIntrospector(ServiceSettings settings) {
        this.settings = settings;
    }

    public Source read(MongoDatabase database) {
        ServiceName service = new ServiceName(settings.name());
        Map<String, Document> collections = new TreeMap<>();
        for (Document info : database.listCollections()) {
            String name = info.getString("name");
            if (name != null && !name.startsWith("system.") && settings.selects(name)) {
                collections.put(name, info);
            }
        }
        List<Table> tables = new ArrayList<>();
        collections.forEach((name, info) -> {
            boolean view = "view".equals(info.getString("type"));
            List<Column> columns = columns(database.getCollection(name), jsonSchema(info), view);
            boolean keyed = !view && !columns.isEmpty() && columns.get(0).name().equals(ID);
            tables.add(new Table(new TableRef(service, null, name), view, columns, keyed ? List.of(ID) : List.of(),
                    List.of(), null, null));
        });
        return new Source(settings, tables, false, new dev.weft.catalog.TextMatching(true, false, false)); // $regex
    }

    /** The collection's {@code validator.$jsonSchema}, or null. */
    static Document jsonSchema(Document info) {
        Document options = info.get("options") instanceof Document d ? d : null;
        Document validator = options != null && options.get("validator") instanceof Document v ? v : null;
        return validator != null && validator.get("$jsonSchema") instanceof Document schema ? schema : null;
    }

    private List<Column> columns(MongoCollection<Document> collection, Document schema, boolean view) {
        FieldShape root = new FieldShape();
        if (schema != null) {
            root.addObjectSchema(schema);
            if (!root.fields.containsKey(ID)) {
                FieldShape id = new FieldShape(); // the validator leaves _id out: as the documents have it
                for (Document d : collection.find().projection(new Document(ID, 1)).limit(settings.sampleSize())) {
                    id.observe(d.get(ID));
                }
                root.fields.put(ID, id);
            }
        } else {
            for (Document d : collection.find().limit(settings.sampleSize())) {
                root.observeDocument(d);
            }
        }
        List<Column> columns = new ArrayList<>();
        FieldShape id = root.fields.get(ID);
        if (id != null && !id.kinds.isEmpty()) {
            Column c = id.toColumn(ID, 0);
            columns.add(new Column(c.name(), c.fieldName(), c.type(), false, c.sqlType(), c.fields(), c.list()));
        } else if (!view) {
            columns.add(new Column(ID, ID, ColumnType.OBJECT_ID, false, "objectId"));
        }
        root.fields.forEach((name, shape) -> {
            if (!name.equals(ID)) {
                columns.add(shape.toColumn(name, root.documents));
            }
        });
        return columns;
    }
}
