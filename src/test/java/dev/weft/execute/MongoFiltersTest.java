package dev.weft.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.query.Predicate;
import dev.weft.query.Predicate.CompareOp;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

/**
 * The MongoDB filters of the query model, as the JSON the driver sends: operator names only from
 * {@link MongoFilters}, values as BSON values, SQL's three-valued logic, escaped regular expressions.
 */
class MongoFiltersTest {
    private static final Table CLICKS = new Table(new TableRef(new ServiceName("events"), null, "clicks"), false, List.of(
            new Column("_id", "_id", ColumnType.OBJECT_ID, false, "objectId"),
            new Column("page", "page", ColumnType.STRING, true, "string"),
            new Column("user_ref", "user_ref", ColumnType.STRING, true, "string|objectId"),
            new Column("amount", "amount", ColumnType.DECIMAL, true, "decimal"),
            new Column("payload", "payload", ColumnType.JSON, true, "object",
                    List.of(new Column("browser", "browser", ColumnType.STRING, false, "string")), false)),
            List.of("_id"), List.of(), "EventsClicks", "events_clicks");
    private static final MongoFilters FILTERS = new MongoFilters(CLICKS);

    private static String json(Bson filter) {
        return filter.toBsonDocument().toJson();
    }

    @Test
    void likePatternsBecomeAnchoredQuotedRegularExpressions() {
        assertThat(MongoFilters.regex("a%")).isEqualTo("^\\Qa\\E.*\\z");
        assertThat(MongoFilters.regex("_b.c%")).isEqualTo("^.\\Qb.c\\E.*\\z");
        assertThat(MongoFilters.regex("50\\%")).isEqualTo("^\\Q50%\\E\\z");
        assertThat(MongoFilters.regex("x\\\\E.*(?i)$where")).isEqualTo("^" + Pattern.quote("x\\E.*(?i)$where") + "\\z");
        for (String literal : List.of("(b)+*?[x]{2}^$|", "x\\E.*", "a.c", "\\Q[")) {
            Pattern regex = Pattern.compile(MongoFilters.regex(literal.replace("\\", "\\\\")), Pattern.DOTALL);
            assertThat(regex.matcher(literal).matches()).as(literal).isTrue();
            assertThat(regex.matcher(literal + "x").matches()).as(literal).isFalse();
            assertThat(regex.matcher("x" + literal).matches()).as(literal).isFalse();
        }
        assertThat(Pattern.compile(MongoFilters.regex("a%"), Pattern.DOTALL).matcher("a\nb").matches()).isTrue();
        assertThat(Pattern.compile(MongoFilters.regex("ab"), Pattern.DOTALL).matcher("ab\n").matches()).isFalse();
    }

    @Test
    void patternsWithManyWildcardsMatchAsLikeDoesWithoutBacktracking() {
        assertThat(MongoFilters.regex("a%b%c")).isEqualTo("^\\Qa\\E(?>.*?\\Qb\\E).*\\Qc\\E\\z");
        java.util.Random random = new java.util.Random(42);
        String alphabet = "ab%_\\\n";
        for (int n = 0; n < 20_000; n++) {
            String like = randomText(random, alphabet, 7);
            String text = randomText(random, "ab%_\\\n", 8);
            boolean expected = likeMatches(like, text);
            assertThat(Pattern.compile(MongoFilters.regex(like), Pattern.DOTALL).matcher(text).find())
                    .as("'%s' LIKE '%s'", text, like).isEqualTo(expected);
        }
        // 30 wildcards between literals against 5,000 characters that almost match: linear, not exponential
        String attack = "%a".repeat(30) + "%b";
        long start = System.nanoTime();
        assertThat(Pattern.compile(MongoFilters.regex(attack), Pattern.DOTALL).matcher("a".repeat(5_000)).find()).isFalse();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(2));
    }

    private static String randomText(java.util.Random random, String alphabet, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** SQL LIKE with backslash escapes, by dynamic programming: the reference the regular expressions must agree with. */
    private static boolean likeMatches(String like, String text) {
        List<int[]> tokens = new java.util.ArrayList<>(); // {kind: 0 literal, 1 one char, 2 any run; char}
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                tokens.add(new int[] {0, like.charAt(++i)});
            } else {
                tokens.add(new int[] {c == '%' ? 2 : c == '_' ? 1 : 0, c});
            }
        }
        boolean[][] m = new boolean[tokens.size() + 1][text.length() + 1];
        m[0][0] = true;
        for (int t = 1; t <= tokens.size(); t++) {
            int[] token = tokens.get(t - 1);
            for (int j = 0; j <= text.length(); j++) {
                m[t][j] = token[0] == 2 ? m[t - 1][j] || j > 0 && m[t][j - 1]
                        : j > 0 && m[t - 1][j - 1] && (token[0] == 1 || text.charAt(j - 1) == token[1]);
            }
        }
        return m[tokens.size()][text.length()];
    }

    @Test
    void conditionsUseTheDriversOperatorsAndBsonValues() {
        assertThat(json(FILTERS.truth(new Predicate.Compare("_id", CompareOp.EQ, "65a000000000000000000001"))))
                .isEqualTo("{\"_id\": {\"$oid\": \"65a000000000000000000001\"}}");
        assertThat(json(FILTERS.truth(new Predicate.Compare("amount", CompareOp.GT, new BigDecimal("1.50")))))
                .isEqualTo("{\"amount\": {\"$gt\": {\"$numberDecimal\": \"1.50\"}}}");
        assertThat(json(FILTERS.truth(new Predicate.Compare("payload.browser", CompareOp.EQ, "$where"))))
                .isEqualTo("{\"payload.browser\": \"$where\"}");
        assertThat(json(FILTERS.truth(new Predicate.Like("page", "/a%", true, false))))
                .isEqualTo("{\"page\": {\"$regularExpression\": {\"pattern\": \"^\\\\Q/a\\\\E.*\\\\z\", \"options\": \"is\"}}}");
        // a text field where ObjectIds were seen too: a 24-hex-digit value is looked up both ways
        assertThat(json(FILTERS.truth(new Predicate.Compare("user_ref", CompareOp.EQ, "65a000000000000000000001"))))
                .isEqualTo("{\"user_ref\": {\"$in\": [\"65a000000000000000000001\", {\"$oid\": \"65a000000000000000000001\"}]}}");
        assertThat(json(FILTERS.truth(new Predicate.InList(List.of("page"), List.of(), false)))).isEqualTo("{\"_id\": {\"$in\": []}}");
        assertThat(json(FILTERS.truth(Predicate.TRUE))).isEqualTo("{}");
    }

    @Test
    void negationsFollowSqlThreeValuedLogic() {
        // page <> 'x' is unknown where page is null or missing: such documents match neither it nor its negation
        assertThat(json(FILTERS.truth(new Predicate.Compare("page", CompareOp.NEQ, "x"))))
                .isEqualTo("{\"$and\": [{\"page\": {\"$nin\": [\"x\"]}}, {\"page\": {\"$ne\": null}}]}");
        assertThat(json(FILTERS.truth(new Predicate.Not(new Predicate.Compare("page", CompareOp.EQ, "x")))))
                .isEqualTo("{\"$and\": [{\"page\": {\"$ne\": null}}, {\"$nor\": [{\"page\": \"x\"}]}]}");
        assertThat(json(FILTERS.truth(new Predicate.Not(new Predicate.Or(List.of(
                new Predicate.IsNull("page", true), new Predicate.Like("page", "a%", false, false)))))))
                .isEqualTo("{\"$and\": [{\"page\": {\"$ne\": null}}, {\"$and\": [{\"page\": {\"$ne\": null}}, "
                        + "{\"page\": {\"$not\": {\"$regularExpression\": {\"pattern\": \"^\\\\Qa\\\\E.*\\\\z\", \"options\": \"s\"}}}}]}]}");
        assertThat(json(FILTERS.truth(new Predicate.Not(Predicate.TRUE)))).isEqualTo("{\"_id\": {\"$in\": []}}");
    }

    @Test
    void noFilterEverCarriesJavaScript() {
        List<Predicate> predicates = List.of(new Predicate.Like("page", "'; return true; //", false, false),
                new Predicate.Compare("page", CompareOp.EQ, "function() { return true; }"),
                new Predicate.Not(new Predicate.InList(List.of("_id", "page"), List.of(List.of("65a000000000000000000001", "x")), true)));
        for (Predicate p : predicates) {
            assertThat(json(FILTERS.truth(p))).doesNotContain("$where", "$function", "$accumulator", "$expr");
            assertThat(json(FILTERS.falsity(p))).doesNotContain("$where", "$function", "$accumulator", "$expr");
        }
    }
}
