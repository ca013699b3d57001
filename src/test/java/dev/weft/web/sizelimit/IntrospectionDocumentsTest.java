package dev.weft.web.sizelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntrospectionDocumentsTest {

    @Test
    void introspectionOnlyOperationsAreToldApart() {
        assertThat(IntrospectionDocuments.only("{ __schema { types { name } } }", null)).isTrue();
        assertThat(IntrospectionDocuments.only("query IntrospectionQuery { __schema { queryType { name } } __typename }",
                "IntrospectionQuery")).isTrue();
        assertThat(IntrospectionDocuments.only("{ t: __type(name: \"Query\") { name } }", null)).isTrue();
    }

    @Test
    void anythingThatMayReadDataIsBounded() {
        assertThat(IntrospectionDocuments.only("{ hr_employees { emp_no } }", null)).isFalse();
        assertThat(IntrospectionDocuments.only("{ __schema { queryType { name } } hr_employees { emp_no __typename } }", null))
                .isFalse();
        assertThat(IntrospectionDocuments.only("{ ...F } fragment F on Query { __schema { queryType { name } } }", null))
                .isFalse();
        assertThat(IntrospectionDocuments.only("query A { __schema { queryType { name } } } query B { hr_employees { emp_no } }",
                "B")).isFalse();
        assertThat(IntrospectionDocuments.only("query A { __schema { queryType { name } } } query B { x }", null)).isFalse();
        assertThat(IntrospectionDocuments.only("{ __schema { ", null)).isFalse();
        assertThat(IntrospectionDocuments.only("mutation { __typename }", null)).isFalse();
        assertThat(IntrospectionDocuments.only(null, null)).isFalse();
    }

    /** The plain search answers as the pattern it replaced, {@code __schema|__type(?!name)}, on the cases at its edges. */
    @Test
    void theTextSearchAgreesWithThePattern() {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile("__schema|__type(?!name)");
        for (String text : java.util.List.of("", "{ x }", "__schema", "{ __typename }", "{ __type }", "__type",
                "{ __typename __typename }", "{ __typename __type(name: \"Q\") { name } }", "__typenam", "__typ",
                "{ a: __typename b: __schema { types { name } } }", "__type__typename", "__typename__type",
                "{ __typenames }", "query { __TYPE }", "____type", "__typ e", "{ __sche ma }")) {
            assertThat(IntrospectionDocuments.mayNameSchemaOrType(text)).as(text).isEqualTo(pattern.matcher(text).find());
        }
    }
}
