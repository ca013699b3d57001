package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Table and column comments are the GraphQL descriptions of the object type and its fields, exactly as the
 * database's own catalog holds them (asked over plain JDBC as the oracle): quotes, a line break, non-ASCII text
 * and a {@code """} that the printed SDL must escape. A table or column without a comment keeps the generated
 * description ({@code Table hr.plain}; none on a field).
 */
abstract class CommentScenarios extends TargetScenario {
    static final String TABLE_COMMENT = "Books on loan; 'quoted' \"double\" and \"\"\" triple\nsecond line: Grüße";
    static final String COLUMN_COMMENT = "ISBN-13, as printed — never null";

    /** The comment the database's catalog holds for {@code table} (column null) or its {@code column}; null when none. */
    protected abstract String catalogComment(Connection c, String table, String column) throws SQLException;

    protected Connection oracle() throws SQLException {
        var p = db.propertiesFor(target().kind);
        return java.sql.DriverManager.getConnection(p.url(), p.username(), p.password());
    }

    static String one(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                String value = rs.next() ? rs.getString(1) : null;
                return value == null || value.isEmpty() ? null : value;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> type(String name) {
        return (Map<String, Object>) data("{ __type(name: \"" + name + "\") { description fields { name description } } }").get("__type");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> fieldDescriptions(Map<String, Object> type) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map<String, Object> field : (List<Map<String, Object>>) type.get("fields")) {
            result.put((String) field.get("name"), (String) field.get("description"));
        }
        return result;
    }

    @Test
    void tableAndColumnCommentsAreTheDescriptionsTheCatalogHolds() throws SQLException {
        Map<String, Object> books = type("HrBooks");
        Map<String, String> fields = fieldDescriptions(books);
        try (Connection c = oracle()) {
            String table = catalogComment(c, "books", null);
            assertThat(table).isEqualTo(TABLE_COMMENT);
            assertThat(books.get("description")).isEqualTo(table);
            assertThat(fields.get("isbn")).isEqualTo(catalogComment(c, "books", "isbn")).isEqualTo(COLUMN_COMMENT);
            assertThat(fields.get("title")).isEqualTo(catalogComment(c, "books", "title")).isEqualTo("The title");
            assertThat(catalogComment(c, "books", "id")).isNull();
            assertThat(fields).containsEntry("id", null);
        }
    }

    @Test
    void withoutCommentsTheGeneratedDescriptionsStay() throws SQLException {
        Map<String, Object> plain = type("HrPlain");
        try (Connection c = oracle()) {
            assertThat(catalogComment(c, "plain", null)).isNull();
        }
        assertThat((String) plain.get("description")).matches("Table hr\\.(\\w+\\.)?plain");
        assertThat(fieldDescriptions(plain).values()).containsOnlyNulls();
        assertThat((String) type("HrBooksView").get("description")).matches("View hr\\.(\\w+\\.)?books_view");
    }

    @Test
    void thePrintedSchemaCarriesTheCommentsEscaped() {
        String sdl = new graphql.schema.idl.SchemaPrinter().print(weft.schema().schema());
        graphql.schema.idl.TypeDefinitionRegistry reparsed = new graphql.schema.idl.SchemaParser().parse(sdl);
        var books = (graphql.language.ObjectTypeDefinition) reparsed.getType("HrBooks").orElseThrow();
        assertThat(books.getDescription().getContent()).isEqualTo(TABLE_COMMENT);
    }
}
