package dev.weft.web.sizelimit;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.util.List;
import java.util.Set;

/**
 * Tells an introspection request (an operation whose root selects only {@code __schema}, {@code __type} and
 * {@code __typename}) from one that reads data. {@code max-response-bytes} does not count the written bytes of an
 * introspection answer: its size follows the schema (53 MB for 1,000 wide tables), which the operator controls, not
 * the data; a role's {@code introspection: false} refuses it instead.
 *
 * <pre>{@code
 * IntrospectionDocuments.only("{ __schema { types { name } } }", null)   // true
 * IntrospectionDocuments.only("{ s: __schema { queryType { name } } hr_employees { emp_no } }", null)   // false
 * }</pre>
 */
public final class IntrospectionDocuments {
    private static final Set<String> INTROSPECTION_FIELDS = Set.of("__schema", "__type", "__typename");

    private IntrospectionDocuments() {
    }

    /**
     * True when the operation {@code operationName} (or the document's only one) selects nothing but introspection
     * fields at its root. A document that does not parse, a fragment spread at the root, or an unknown operation count
     * as data (the bound holds).
     */
    public static boolean only(String query, String operationName) {
        if (query == null || !mayNameSchemaOrType(query)) {
            return false; // the common case, __typename everywhere included (Apollo Client adds it), decides without parsing
        }
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        OperationDefinition operation = operations.stream()
                .filter(o -> operationName == null ? operations.size() == 1 : operationName.equals(o.getName()))
                .findFirst().orElse(null);
        if (operation == null || operation.getOperation() != OperationDefinition.Operation.QUERY) {
            return false;
        }
        for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field) || !INTROSPECTION_FIELDS.contains(field.getName())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the text holds {@code __schema}, or {@code __type} not followed by {@code name}: a document that may
     * select them (not merely {@code __typename}). Plain searches, as this runs on every request's text.
     */
    static boolean mayNameSchemaOrType(String query) {
        if (query.contains("__schema")) {
            return true;
        }
        for (int i = query.indexOf("__type"); i >= 0; i = query.indexOf("__type", i + 1)) {
            if (!query.startsWith("name", i + "__type".length())) {
                return true;
            }
        }
        return false;
    }
}
