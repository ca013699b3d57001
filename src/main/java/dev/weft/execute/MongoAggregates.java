package dev.weft.execute;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.BsonField;
import dev.weft.catalog.Column;
import dev.weft.catalog.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonNull;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * The {@code $group} accumulators of a MongoDB aggregate and the values read back from its result: {@code $sum},
 * {@code $avg}, {@code $min}, {@code $max}, the statistics of spread from n, {@code $sum} and the {@code $sum} of squares,
 * counts over columns ({@code $sum} of a presence test, or {@code $addToSet} for a distinct count).
 */
final class MongoAggregates {
    private MongoAggregates() {
    }

    static List<BsonField> accumulators(dev.weft.query.Aggregates aggregates) {
        List<BsonField> fields = new ArrayList<>();
        fields.add(Accumulators.sum("count", 1));
        List<dev.weft.query.Aggregates.Count> counts = aggregates.counts();
        for (int j = 0; j < counts.size(); j++) {
            dev.weft.query.Aggregates.Count c = counts.get(j);
            if (c.distinct()) {
                fields.add(Accumulators.addToSet("k" + j, "$" + c.columns().get(0)));
            } else {
                List<Object> present = c.columns().stream().<Object>map(column -> new Document("$ne", List.of(
                        new Document("$ifNull", List.of("$" + column, BsonNull.VALUE)), BsonNull.VALUE))).toList();
                fields.add(Accumulators.sum("k" + j, new Document("$cond", List.of(new Document("$and", present), 1, 0))));
            }
        }
        List<dev.weft.query.Aggregates.Aggregate> functions = aggregates.functions();
        for (int i = 0; i < functions.size(); i++) {
            String field = "$" + functions.get(i).column();
            switch (functions.get(i).function()) {
                case SUM -> {
                    fields.add(Accumulators.sum("f" + i, field));
                    fields.add(Accumulators.max("n" + i, field)); // null when every value is null: SQL's SUM is then NULL
                }
                case AVG -> {
                    // exact for integers and decimals: the exact sum over the count of values (SQL's AVG is exact
                    // there); binary floating point averages in floating point, as SQL does
                    fields.add(Accumulators.avg("f" + i, field));
                    fields.add(Accumulators.sum("s" + i, field));
                    fields.add(Accumulators.sum("c" + i, new Document("$cond", List.of(new Document("$eq", List.of(
                            new Document("$ifNull", List.of(field, BsonNull.VALUE)), BsonNull.VALUE)), 0, 1))));
                }
                case STDDEV, STDDEV_POP, STDDEV_SAMP, VARIANCE, VAR_POP, VAR_SAMP -> {
                    // n, the exact sum and the sum of squares (in floating point): the spread follows from them in
                    // Java, so engines without $stdDevPop/$stdDevSamp (and the variances, which MongoDB lacks) answer
                    fields.add(Accumulators.sum("f" + i, new Document("$multiply", List.of(new Document("$multiply", List.of(field, 1.0)), field))));
                    fields.add(Accumulators.sum("s" + i, field));
                    fields.add(Accumulators.sum("c" + i, new Document("$cond", List.of(new Document("$eq", List.of(
                            new Document("$ifNull", List.of(field, BsonNull.VALUE)), BsonNull.VALUE)), 0, 1))));
                }
                case MIN -> fields.add(Accumulators.min("f" + i, field));
                case MAX -> fields.add(Accumulators.max("f" + i, field));
            }
        }
        return fields;
    }

    /** {@code count} and {@code <fn>.<column>} from a {@code $group} result (null: no document matched). */
    static Map<String, Object> values(Table table, dev.weft.query.Aggregates aggregates, Document group) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("count", group == null ? 0L : ((Number) group.get("count")).longValue());
        List<dev.weft.query.Aggregates.Count> counts = aggregates.counts();
        for (int j = 0; j < counts.size(); j++) {
            Object k = group == null ? null : group.get("k" + j);
            values.put(counts.get(j).resultKey(), k == null ? 0L : k instanceof List<?> set
                    ? set.stream().filter(java.util.Objects::nonNull).count() : ((Number) k).longValue());
        }
        List<dev.weft.query.Aggregates.Aggregate> functions = aggregates.functions();
        for (int i = 0; i < functions.size(); i++) {
            dev.weft.query.Aggregates.Aggregate a = functions.get(i);
            Column column = table.requireColumn(a.column());
            Object value = group == null ? null : group.get("f" + i);
            values.put(a.resultKey(), value == null ? null : switch (a.function()) {
                case SUM -> group.get("n" + i) == null ? null : JdbcSourceExecutor.sum(number(value), column.type());
                case AVG -> column.type() == dev.weft.catalog.ColumnType.FLOAT ? number(value).doubleValue()
                        : new BigDecimal(number(group.get("s" + i)).toString())
                                .divide(BigDecimal.valueOf(((Number) group.get("c" + i)).longValue()), java.math.MathContext.DECIMAL128)
                                .doubleValue();
                case MIN, MAX -> MongoValues.read(column, value);
                case STDDEV, STDDEV_POP, STDDEV_SAMP, VARIANCE, VAR_POP, VAR_SAMP -> spread(a.function(), value,
                        group.get("s" + i), ((Number) group.get("c" + i)).longValue());
            });
        }
        return values;
    }

    /** The statistic from n, the sum and the sum of squares: m2 = sum of squares - sum * sum / n. */
    private static Double spread(dev.weft.query.Aggregates.Function function, Object sumOfSquares, Object sum, long n) {
        if (n == 0) {
            return null;
        }
        BigDecimal total = new BigDecimal(number(sum).toString());
        BigDecimal mean = total.divide(BigDecimal.valueOf(n), java.math.MathContext.DECIMAL128);
        double m2 = new BigDecimal(number(sumOfSquares).toString()).subtract(total.multiply(mean)).doubleValue();
        return new dev.weft.query.Spread(n, mean.doubleValue(), m2).value(function);
    }

    private static Number number(Object value) {
        return value instanceof Decimal128 d ? d.bigDecimalValue() : value instanceof Double x ? BigDecimal.valueOf(x) : (Number) value;
    }
}
