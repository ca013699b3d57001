package dev.weft.schema.federation;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scalars of the federation and link specs: {@code _Any} (an entity representation, a JSON object with
 * {@code __typename} and the key fields), {@code federation__FieldSet} (a selection such as {@code "id"} or
 * {@code "order_no line_no"}) and {@code link__Import} (a name in {@code @link(import:)}).
 *
 * <pre>{@code
 * _entities(representations: [{__typename: "ShopOrders", id: "7"}])   # _Any: a Map with __typename and id
 * }</pre>
 */
public final class FederationScalars {
    public static final GraphQLScalarType ANY = GraphQLScalarType.newScalar().name("_Any")
            .description("An entity representation: __typename and the fields of one of the type's keys")
            .coercing(new AnyCoercing()).build();
    public static final GraphQLScalarType FIELD_SET = text("federation__FieldSet", "A selection of fields, such as \"id\" or \"a b\"");
    public static final GraphQLScalarType IMPORT = text("link__Import", "A name imported by @link");

    private FederationScalars() {
    }

    private static GraphQLScalarType text(String name, String description) {
        return GraphQLScalarType.newScalar().name(name).description(description).coercing(new TextCoercing(name)).build();
    }

    /** Strings in both directions. */
    private record TextCoercing(String name) implements Coercing<String, String> {
        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            return String.valueOf(value);
        }

        @Override
        public String parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof String s) {
                return s;
            }
            throw new CoercingParseValueException(name + " expects a string");
        }

        @Override
        public String parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (input instanceof StringValue s) {
                return s.getValue();
            }
            throw new CoercingParseLiteralException(name + " expects a string");
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return StringValue.of(String.valueOf(input));
        }
    }

    /** A JSON object, as variables carry it or as a literal writes it; nested values kept as they are. */
    private static final class AnyCoercing implements Coercing<Object, Object> {
        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            return value;
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof Map<?, ?>) {
                return input;
            }
            throw new CoercingParseValueException("_Any expects an object with __typename");
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (!(input instanceof ObjectValue)) {
                throw new CoercingParseLiteralException("_Any expects an object with __typename");
            }
            return literal(input, variables);
        }

        private static Object literal(Value<?> value, CoercedVariables variables) {
            return switch (value) {
                case ObjectValue o -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (ObjectField f : o.getObjectFields()) {
                        map.put(f.getName(), literal(f.getValue(), variables));
                    }
                    yield map;
                }
                case ArrayValue a -> {
                    List<Object> list = new ArrayList<>();
                    a.getValues().forEach(v -> list.add(literal(v, variables)));
                    yield list;
                }
                case StringValue s -> s.getValue();
                case IntValue i -> i.getValue();
                case FloatValue f -> f.getValue();
                case BooleanValue b -> b.isValue();
                case NullValue n -> null;
                case VariableReference v -> variables.get(v.getName());
                default -> throw new CoercingParseLiteralException("_Any cannot hold " + value);
            };
        }
    }
}
