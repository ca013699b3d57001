package dev.weft.execute;

import dev.weft.dialect.ErrorCode;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.ResultPath;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code _entities(representations:)} on graphql-java's path: the rows of {@link EntityLookup}, each with its
 * local context set to its GraphQL type name (the {@code _Entity} union resolves types by it); the fields of the
 * rows are the types' own fetchers, so masks apply as on any read. Failures are errors at their index.
 */
final class EntityFetcher implements DataFetcher<Object> {
    private final Fetchers fetchers;
    private final EntityLookup lookup;

    EntityFetcher(Fetchers fetchers, EntityLookup lookup) {
        this.fetchers = fetchers;
        this.lookup = lookup;
    }

    @Override
    public Object get(DataFetchingEnvironment env) {
        List<?> representations = env.getArgument("representations");
        ResultPath path = env.getExecutionStepInfo().getPath();
        String requestId = String.valueOf(env.getExecutionId());
        EntityLookup.Answer answer = lookup.find(representations, env.getGraphQLSchema(), fetchers.access(env.getGraphQlContext()),
                dev.weft.limits.RequestBudget.of(env.getGraphQlContext()),
                type -> env.getSelectionSet().getImmediateFields().stream()
                        .filter(f -> f.getObjectTypeNames().contains(type)).map(SelectedField::getName).toList(),
                (e, i) -> {
                    FieldFailure failure = FieldFailure.of(e, requestId, path.segment(i));
                    return new EntityLookup.Failure(i, failure.message(), failure.code());
                });
        List<Object> data = new ArrayList<>(representations.size());
        for (int i = 0; i < representations.size(); i++) {
            data.add(answer.rows()[i] == null ? null : DataFetcherResult.newResult().data(answer.rows()[i])
                    .localContext(answer.types()[i].table().typeName()).build());
        }
        List<GraphQLError> errors = answer.failures().stream().map(f -> error(path.segment(f.index()), f.message(), f.code())).toList();
        return DataFetcherResult.newResult().data(data).errors(errors).build();
    }

    static GraphQLError error(ResultPath path, String message, ErrorCode code) {
        return GraphqlErrorBuilder.newError().message(message).path(path).extensions(Map.of("code", code.name())).build();
    }
}
