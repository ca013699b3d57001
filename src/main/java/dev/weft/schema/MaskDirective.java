package dev.weft.schema;

import dev.weft.config.AccessSpec.MaskStrategy;
import graphql.introspection.Introspection.DirectiveLocation;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import java.util.List;

/**
 * {@code @mask}: marks a field that a role sees masked (definition in {@code schema/directives.graphql}).
 *
 * <pre>{@code
 * email: String @mask(strategy: "email", roles: ["analyst"])   # the full schema
 * email: String @mask(strategy: "email")                       # the analyst's own schema
 * }</pre>
 */
public final class MaskDirective {
    public static final GraphQLDirective DEFINITION = GraphQLDirective.newDirective().name("mask")
            .description("The field is masked for the roles listed (in a role's own schema: for that role); the value"
                    + " keeps its type. Strategies: null, redact, email, last4, hash.")
            .validLocation(DirectiveLocation.FIELD_DEFINITION).repeatable(true)
            .argument(GraphQLArgument.newArgument().name("strategy").type(GraphQLNonNull.nonNull(graphql.Scalars.GraphQLString)))
            .argument(GraphQLArgument.newArgument().name("roles").type(GraphQLList.list(GraphQLNonNull.nonNull(graphql.Scalars.GraphQLString))))
            .build();

    private MaskDirective() {
    }

    /** The directive as applied to a field: the strategy, and the roles when there are any to name. */
    public static GraphQLAppliedDirective applied(MaskStrategy strategy, List<String> roles) {
        GraphQLAppliedDirective.Builder directive = GraphQLAppliedDirective.newDirective().name("mask")
                .argument(GraphQLAppliedDirectiveArgument.newArgument().name("strategy")
                        .type(GraphQLNonNull.nonNull(graphql.Scalars.GraphQLString)).valueProgrammatic(strategy.configName()).build());
        if (!roles.isEmpty()) {
            directive.argument(GraphQLAppliedDirectiveArgument.newArgument().name("roles")
                    .type(GraphQLList.list(GraphQLNonNull.nonNull(graphql.Scalars.GraphQLString))).valueProgrammatic(roles).build());
        }
        return directive.build();
    }
}
