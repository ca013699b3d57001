package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.LimitSettings;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request budget holds on both execution paths (direct, and field by field through the data
 * fetchers and DataLoaders, which a query mixing introspection with tables takes): one error naming the
 * limit, no data, no error per field.
 */
class ResponseBudgetTest {
    private static WeftRuntime weft;

    @BeforeAll
    static void start() {
        weft = DemoRuntime.start(null, new LimitSettings(200, 1_000, 6, 64 * 1024, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stop() {
        weft.close();
    }

    private static void assertOnlyLimitError(ExecutionResult result, String limit) {
        assertThat(result.getErrors()).as(result.getErrors().toString()).hasSize(1);
        assertThat(result.getErrors().get(0).getExtensions()).as(result.getErrors().toString()).containsKey("limit");
        GraphQLError error = result.getErrors().get(0);
        assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT").containsEntry("limit", limit);
        assertThat((Object) result.getData()).isNull();
    }

    /** Through departments with at most 4 employees each: every level multiplies, no list passes max-rows. */
    private static String smallCycle(int levels) {
        return DefaultLimitsIT.departmentCycle(levels).replaceFirst("hr_departments",
                "hr_departments(where: {dept_no: {_in: [\"d001\", \"d003\", \"d005\"]}})");
    }

    @Test
    void aCycleStopsAtTheResponseSizeOnBothPaths() {
        String cycle = smallCycle(40);
        assertOnlyLimitError(weft.execute(cycle, Map.of()), "max-response-bytes");
        assertOnlyLimitError(weft.executeFieldByField(cycle, Map.of()), "max-response-bytes");
        // with introspection the query runs field by field; graphql-java's good-faith check allows a depth of 20 there
        String mixed = "{ __schema { queryType { name } } " + smallCycle(9).substring(1);
        assertOnlyLimitError(weft.execute(mixed, Map.of()), "max-response-bytes");
    }

    @Test
    void aLongListIsRefusedOnBothPaths() {
        assertOnlyLimitError(weft.execute("{ hr_employees { emp_no } }", Map.of()), "max-rows");
        assertOnlyLimitError(weft.executeFieldByField("{ hr_employees { emp_no } }", Map.of()), "max-rows");
        assertOnlyLimitError(weft.executeFieldByField("{ hr_departments(where: {dept_no: {_eq: \"d004\"}}) { dept_emp { emp_no } } }", Map.of()),
                "max-rows");
        ExecutionResult within = weft.executeFieldByField("{ hr_employees(limit: 6) { emp_no } }", Map.of());
        assertThat(within.getErrors()).isEmpty();
    }

    @Test
    void aDocumentIsMeasuredWholeWhicheverOperationIsAsked() {
        String bomb = dev.weft.limits.DocumentShapeTest.fragmentBomb(40).replaceFirst("\\{", "query Big {");
        String document = "query Small { hr_employees(limit: 1) { emp_no } } " + bomb;
        for (String operation : java.util.List.of("Small", "Small", "Big")) {
            ExecutionResult result = weft.executeAsync(graphql.ExecutionInput.newExecutionInput(document)
                    .operationName(operation).dataLoaderRegistry(new org.dataloader.DataLoaderRegistry()).build(), null, true).join();
            assertThat(result.getErrors()).as(operation).singleElement()
                    .satisfies(e -> assertThat(e.getExtensions()).containsEntry("limit", "max-fields"));
        }
    }
}
