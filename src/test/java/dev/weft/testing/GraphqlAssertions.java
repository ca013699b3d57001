package dev.weft.testing;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.util.List;
import java.util.Map;

/** Small helpers to read {@link ExecutionResult}s in tests. */
public final class GraphqlAssertions {

    private GraphqlAssertions() {
    }

    /** The data of a result that must have no errors. */
    public static Map<String, Object> data(ExecutionResult result) {
        assertThat(result.getErrors()).as("errors").isEmpty();
        return result.getData();
    }

    /** The value at a path like {@code hr_employees.0.dept_emp}. */
    @SuppressWarnings("unchecked")
    public static <T> T at(Object data, String path) {
        Object current = data;
        for (String part : path.split("\\.")) {
            current = current instanceof List<?> list ? list.get(Integer.parseInt(part)) : ((Map<String, Object>) current).get(part);
        }
        return (T) current;
    }

    public static List<String> codes(ExecutionResult result) {
        return result.getErrors().stream().map(GraphqlAssertions::code).toList();
    }

    public static String code(GraphQLError error) {
        return error.getExtensions() == null ? null : String.valueOf(error.getExtensions().get("code"));
    }
}
