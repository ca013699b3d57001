package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The form checks of relationships.yml: every problem at once, each with file and line. */
class RelationshipsFileTest {

    @Test
    void readsAllFourTypesWithCompositeKeysAndJunctions() {
        List<RelationshipSpec> specs = RelationshipsFile.parse("r.yml", """
                relationships:
                  - service: hr
                    table: employees
                    name: status
                    type: has_one
                    field: emp_no
                    ref_service: hrstatus
                    ref_table: employee_status
                    ref_field: emp_no
                    description: Current status
                  - service: shop
                    table: order_lines
                    name: order
                    type: belongs_to
                    field: [order_id, shop_id]
                    ref_service: crm
                    ref_table: orders
                    ref_field: [id, shop]
                  - service: hr
                    table: employees
                    name: projects
                    type: many_many
                    field: emp_no
                    ref_service: pm
                    ref_table: projects
                    ref_field: id
                    junction_service: hrstatus
                    junction_table: assignments
                    junction_field: emp_no
                    junction_ref_field: project_id
                """);
        assertThat(specs).hasSize(3);
        assertThat(specs.get(0).type()).isEqualTo(RelationshipSpec.Type.HAS_ONE);
        assertThat(specs.get(0).description()).isEqualTo("Current status");
        assertThat(specs.get(1).field()).containsExactly("order_id", "shop_id");
        assertThat(specs.get(1).locationOf("ref_field")).isEqualTo("r.yml:18");
        assertThat(specs.get(2).type()).isEqualTo(RelationshipSpec.Type.MANY_TO_MANY);
        assertThat(specs.get(2).junctionServiceOrDefault()).isEqualTo("hrstatus");
    }

    @Test
    void reportsEveryProblemWithFileAndLine() {
        assertThatThrownBy(() -> RelationshipsFile.parse("rel.yml", """
                relationships:
                  - service: hr
                    table: employees
                    name: bad name
                    type: has_some
                    field: [a, b]
                    ref_service: x
                    ref_table: y
                    ref_field: a
                    colour: blue
                  - service: hr
                    table: employees
                    name: projects
                    type: many_to_many
                    field: emp_no
                    ref_service: pm
                    ref_table: projects
                    ref_field: id
                  - table: t
                    name: n
                    type: has_many
                    field: f
                    ref_service: s
                    ref_table: t
                    ref_field: f
                """))
                .isInstanceOf(WeftConfigException.class)
                .satisfies(e -> assertThat(((WeftConfigException) e).problems()).extracting(ConfigProblem::toString)
                        .containsExactlyInAnyOrder(
                                "rel.yml:10: colour: unknown key; known keys are description, field, junction_field, "
                                        + "junction_ref_field, junction_service, junction_table, name, ref_field, "
                                        + "ref_service, ref_table, required, service, table, type",
                                "rel.yml:5: type: unknown type 'has_some'; one of belongs_to, has_one, has_many, many_to_many",
                                "rel.yml:4: name: 'bad name' is not a legal GraphQL name",
                                "rel.yml:9: ref_field: has 1 columns but field has 2; they pair up one to one",
                                "rel.yml:11: junction_table: missing; a many_to_many goes through a junction table",
                                "rel.yml:11: junction_field: missing; a many_to_many goes through a junction table",
                                "rel.yml:11: junction_ref_field: missing; a many_to_many goes through a junction table",
                                "rel.yml:19: service: missing"));
    }

    @Test
    void requiredIsTrueOrFalse() {
        List<RelationshipSpec> specs = RelationshipsFile.parse("r.yml", """
                relationships:
                  - {service: a, table: t, name: x, type: has_one, field: id, ref_service: b, ref_table: u, ref_field: id, required: true}
                  - {service: a, table: t, name: y, type: has_many, field: id, ref_service: b, ref_table: u, ref_field: id}
                """);
        assertThat(specs).extracting(RelationshipSpec::required).containsExactly(true, false);
        assertThatThrownBy(() -> RelationshipsFile.parse("r.yml", """
                relationships:
                  - service: a
                    table: t
                    name: x
                    type: has_one
                    field: id
                    ref_service: b
                    ref_table: u
                    ref_field: id
                    required: sometimes
                """))
                .isInstanceOf(WeftConfigException.class)
                .satisfies(e -> assertThat(((WeftConfigException) e).problems()).extracting(ConfigProblem::toString)
                        .containsExactly("r.yml:10: required: must be true or false, was 'sometimes'"));
    }

    @Test
    void duplicateNamesOnOneTableAreReportedWithBothLines() {
        assertThatThrownBy(() -> RelationshipsFile.parse("r.yml", """
                relationships:
                  - {service: a, table: t, name: x, type: has_one, field: id, ref_service: b, ref_table: u, ref_field: id}
                  - {service: a, table: t, name: x, type: has_many, field: id, ref_service: b, ref_table: v, ref_field: id}
                """))
                .hasMessageContaining("r.yml:3: name: 'x' is already a relationship of a.t (r.yml:2)");
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> RelationshipsFile.parse("r.yml", "relationships:\n  - service: [a\n"))
                .hasMessageContaining("r.yml:3: not valid YAML");
    }

    @Test
    void noFileAndNoSettingMeansNoRelationshipsButAConfiguredFileMustExist(@TempDir Path dir) throws Exception {
        assertThat(RelationshipsFile.load(null, dir)).isEmpty();
        Path missing = dir.resolve("nope.yml");
        assertThatThrownBy(() -> RelationshipsFile.load(missing.toString()))
                .hasMessageContaining("weft.relationships: the relationships file '" + missing.toAbsolutePath() + "' does not exist");
        Path empty = Files.writeString(dir.resolve("empty.yml"), "relationships:\n");
        assertThat(RelationshipsFile.load(empty.toString())).isEmpty();
    }
}
