package dev.weft.schema;

import static graphql.schema.GraphQLArgument.newArgument;
import static graphql.schema.GraphQLFieldDefinition.newFieldDefinition;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;
import static graphql.schema.GraphQLTypeReference.typeRef;

import dev.weft.schema.federation.FederationDirectives;
import dev.weft.schema.federation.FederationScalars;
import dev.weft.schema.federation.SubgraphSdl;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLUnionType;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The fields and types federation adds to one schema, before its one build: {@code _Service} and
 * {@code Query._service}, and when the view has entities the union {@code _Entity} of their types, the scalar
 * {@code _Any} and {@code Query._entities(representations:)}. The union's type resolver reads each element's
 * local context, which {@link FieldBinding.Entities}' fetcher sets to the element's type name.
 */
final class SubgraphParts {
    private SubgraphParts() {
    }

    static void add(GraphQLObjectType.Builder query, List<String> entityTypes, GraphQLCodeRegistry.Builder code,
                    Consumer<GraphQLType> put, BiFunction<GraphQLFieldDefinition.Builder, FieldBinding, GraphQLFieldDefinition> register) {
        put.accept(GraphQLObjectType.newObject().name("_Service")
                .field(newFieldDefinition().name("sdl").type(graphql.Scalars.GraphQLString)).build());
        query.field(register.apply(newFieldDefinition().name(SubgraphSdl.SERVICE_FIELD)
                .description("This subgraph's SDL for a federation gateway (the caller's role's schema)")
                .type(nonNull(typeRef("_Service"))), new FieldBinding.Service()));
        if (entityTypes.isEmpty()) {
            return; // no entity: the federation spec leaves _Entity and _entities out
        }
        GraphQLUnionType.Builder entity = GraphQLUnionType.newUnionType().name("_Entity");
        entityTypes.forEach(t -> entity.possibleType(typeRef(t)));
        put.accept(entity.build());
        put.accept(FederationScalars.ANY);
        code.typeResolver("_Entity", env -> env.getSchema().getObjectType(env.<String>getLocalContext()));
        query.field(register.apply(newFieldDefinition().name(SubgraphSdl.ENTITIES_FIELD)
                .description("The entities with these representations (__typename and a @key's fields), in order; null where none")
                .argument(newArgument().name("representations").type(nonNull(list(nonNull(FederationScalars.ANY)))))
                .type(nonNull(list(typeRef("_Entity")))), new FieldBinding.Entities()));
    }

    /** The directive definitions a subgraph schema carries. */
    static List<graphql.schema.GraphQLDirective> definitions() {
        return FederationDirectives.ALL;
    }
}
