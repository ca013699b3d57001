package dev.weft.execute.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;

/**
 * A MongoDB command as explain shows it: the command as JSON with every value that may come from a request replaced
 * by {@code "?"}, and the types of those values in order. Values sit in a {@code find}'s filter, skip and limit, and in
 * an aggregation's {@code $match}, {@code $skip} and {@code $limit} stages; the other stages ({@code $group},
 * {@code $sort}, {@code $project}, {@code $addFields}) hold only field names and Weft's own constants, and are shown
 * as they are.
 *
 * <pre>{@code
 * MongoCommands.find("clicks", Filters.in("emp_no", 1, 2), null, null, null, 10, codecs)
 * // {"find": "clicks", "filter": {"emp_no": {"$in": ["?", "?"]}}, "limit": "?"}, parameters [int32 × 3]
 * }</pre>
 */
public final class MongoCommands {
    private static final Set<String> VALUE_STAGES = Set.of("$match", "$skip", "$limit");

    /** The command's JSON and its values' types ({@link ParameterShapes#folded folded}). */
    public record Shaped(String json, List<String> parameters) {
    }

    private MongoCommands() {
    }

    public static Shaped find(String collection, Bson filter, Bson sort, Bson projection, Integer skip, Integer limit,
                              CodecRegistry codecs) {
        List<String> types = new ArrayList<>();
        BsonDocument command = new BsonDocument("find", new BsonString(collection));
        command.append("filter", shape(filter.toBsonDocument(BsonDocument.class, codecs), types));
        if (sort != null) {
            command.append("sort", sort.toBsonDocument(BsonDocument.class, codecs));
        }
        if (projection != null) {
            command.append("projection", projection.toBsonDocument(BsonDocument.class, codecs));
        }
        if (skip != null) {
            command.append("skip", shape(new BsonInt32(skip), types));
        }
        if (limit != null) {
            command.append("limit", shape(new BsonInt32(limit), types));
        }
        return new Shaped(command.toJson(), ParameterShapes.folded(types));
    }

    public static Shaped aggregate(String collection, List<? extends Bson> pipeline, CodecRegistry codecs) {
        List<String> types = new ArrayList<>();
        BsonArray stages = new BsonArray();
        for (Bson stage : pipeline) {
            BsonDocument document = stage.toBsonDocument(BsonDocument.class, codecs);
            BsonDocument shown = new BsonDocument();
            for (Map.Entry<String, BsonValue> e : document.entrySet()) {
                shown.append(e.getKey(), VALUE_STAGES.contains(e.getKey()) ? shape(e.getValue(), types) : e.getValue());
            }
            stages.add(shown);
        }
        BsonDocument command = new BsonDocument("aggregate", new BsonString(collection)).append("pipeline", stages);
        return new Shaped(command.toJson(), ParameterShapes.folded(types));
    }

    /** Every leaf replaced by {@code "?"}, its type added to {@code types}; field and operator names kept. */
    static BsonValue shape(BsonValue value, List<String> types) {
        if (value.isDocument()) {
            BsonDocument shaped = new BsonDocument();
            value.asDocument().forEach((key, v) -> shaped.append(key, shape(v, types)));
            return shaped;
        }
        if (value.isArray()) {
            BsonArray shaped = new BsonArray();
            value.asArray().forEach(v -> shaped.add(shape(v, types)));
            return shaped;
        }
        types.add(value.getBsonType().name().toLowerCase(Locale.ROOT));
        return new BsonString("?");
    }
}
