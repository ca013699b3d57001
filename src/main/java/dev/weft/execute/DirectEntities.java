package dev.weft.execute;

import dev.weft.limits.RequestBudget;
import dev.weft.query.Access;
import dev.weft.schema.TableBinding;
import graphql.execution.ExecutionContext;
import graphql.normalized.ExecutableNormalizedField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Federation's root fields on the direct executor's path: {@code _entities} from {@link EntityLookup}'s rows,
 * each type's rows built with the fields selected on that type (relationships batched across all of them, masks
 * applied, as any level of {@link DirectRun}), and {@code _service { sdl }}. Failures of single representations
 * are errors at their index, as on graphql-java's path ({@link EntityFetcher}).
 */
final class DirectEntities {
    private DirectEntities() {
    }

    static Object rootField(DirectRun run, ExecutionContext context, DirectExecutionStrategy.RootKind kind,
                            ExecutableNormalizedField f, ResultLocation loc, Fetchers fetchers, Access access,
                            RequestBudget budget) {
        if (kind == DirectExecutionStrategy.RootKind.SERVICE) {
            Map<String, Object> service = new LinkedHashMap<>();
            for (ExecutableNormalizedField child : f.getChildren()) {
                service.put(child.getResultKey(), child.getName().equals("__typename") ? "_Service"
                        : Fetchers.serviceSdl(context.getGraphQLContext(), context.getGraphQLSchema()));
            }
            return service;
        }
        List<?> representations = (List<?>) f.getResolvedArguments().get("representations");
        String requestId = String.valueOf(context.getExecutionId());
        EntityLookup.Answer answer = fetchers.entityLookup().find(representations, context.getGraphQLSchema(), access, budget,
                type -> NormalizedSelections.names(childrenOn(f, type)), (e, i) -> {
                    FieldFailure failure = FieldFailure.of(e, requestId, new ResultLocation(loc, null, i).toPath());
                    return new EntityLookup.Failure(i, failure.message(), failure.code());
                });
        Map<TableBinding, List<Integer>> byType = new LinkedHashMap<>();
        for (int i = 0; i < representations.size(); i++) {
            if (answer.rows()[i] != null) {
                byType.computeIfAbsent(answer.types()[i], t -> new ArrayList<>()).add(i);
            }
        }
        Object[] entities = new Object[representations.size()];
        byType.forEach((binding, indexes) -> {
            List<Row> rows = indexes.stream().map(i -> answer.rows()[i]).toList();
            List<ResultLocation> locs = indexes.stream().map(i -> new ResultLocation(loc, null, i)).toList();
            dev.weft.execute.json.ObjectLevel level = run.objects(binding, childrenOn(f, binding.table().typeName()), rows, locs);
            for (int j = 0; j < indexes.size(); j++) {
                entities[indexes.get(j)] = level.object(j);
            }
        });
        answer.failures().forEach(failure -> run.errors.add(EntityFetcher.error(
                new ResultLocation(loc, null, failure.index()).toPath(), failure.message(), failure.code())));
        return Arrays.asList(entities);
    }

    /** The fields selected on one type of the {@code _Entity} union ({@code ... on ShopOrders { ... }}, {@code __typename}). */
    private static List<ExecutableNormalizedField> childrenOn(ExecutableNormalizedField f, String type) {
        return f.getChildren().stream().filter(c -> c.getObjectTypeNames().contains(type)).toList();
    }
}
