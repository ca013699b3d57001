package dev.weft.execute;

import static dev.weft.execute.NormalizedSelections.aggregatesOf;
import static dev.weft.execute.NormalizedSelections.emptyAggregate;
import static dev.weft.execute.NormalizedSelections.has;
import static dev.weft.execute.NormalizedSelections.names;
import static dev.weft.execute.NormalizedSelections.nodeNames;

import dev.weft.catalog.Relationship;
import dev.weft.execute.json.ObjectLevel;
import dev.weft.limits.RequestBudget;
import dev.weft.query.Access;
import dev.weft.query.Aggregates;
import dev.weft.query.QueryPlanner;
import dev.weft.query.Select;
import dev.weft.schema.TableBinding;
import graphql.normalized.ExecutableNormalizedField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches one level of a relationship field for every parent row of a {@link DirectRun} with one
 * batched statement (as the DataLoaders do): parent keys deduplicated, rows or aggregates loaded per
 * key, the response bytes charged to the request's budget, and the related objects built by the run.
 * A failing relationship is null for every parent row, with one error per row at its path; so is a required
 * object relationship without a row (and the nulls of required fields bubble: {@link NullPropagation}).
 */
final class DirectRelationships {
    private final DirectRun run;
    private final QueryPlanner planner;
    private final RelationshipLoaders loaders;
    private final Access access;
    private final RequestBudget budget;
    private final SourceJsonLevels sourceJson;

    DirectRelationships(DirectRun run, QueryPlanner planner, RelationshipLoaders loaders, Access access,
                        RequestBudget budget, SourceJsonLevels sourceJson) {
        this.run = run;
        this.planner = planner;
        this.loaders = loaders;
        this.access = access;
        this.budget = budget;
        this.sourceJson = sourceJson;
    }

    /** One relationship field for every parent row: its value per row, in row order. */
    List<Object> relationship(TableBinding binding, ExecutableNormalizedField f, List<Row> rows, List<ResultLocation> locs) {
        Relationship r = QueryPlanner.relationshipOf(binding, f.getName());
        boolean aggregate = !binding.relationships().containsKey(f.getName());
        boolean object = r.cardinality() == Relationship.Cardinality.OBJECT;
        TableBinding target = planner.bindings().table(r.to());
        Map<List<Object>, Integer> keyIndex = new LinkedHashMap<>();
        int[] rowKey = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            List<Object> key = loaders.parentKey(r, rows.get(i));
            rowKey[i] = key == null ? -1 : keyIndex.computeIfAbsent(key, k -> keyIndex.size());
        }
        List<List<Object>> keys = new ArrayList<>(keyIndex.keySet());
        List<Object> values = new ArrayList<>(Collections.nCopies(rows.size(), null));
        try {
            if (aggregate) {
                Select select = planner.aggregateSelectFields(r.to(), f.getResolvedArguments(), nodeNames(f), has(f, "nodes"));
                Aggregates aggregates = aggregatesOf(target, f);
                List<RelationshipLoaders.PerParentAggregate> perKey = keys.isEmpty() ? List.of()
                        : loaders.aggregatePerParent(r, keys, select, aggregates, has(f, "nodes"), has(f, "aggregate"),
                        access, budget);
                List<Map<String, Object>> valuesPerRow = new ArrayList<>(rows.size());
                List<List<Row>> nodesPerRow = new ArrayList<>(rows.size());
                List<ResultLocation> fieldLocs = new ArrayList<>(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    RelationshipLoaders.PerParentAggregate a = rowKey[i] < 0 ? null : perKey.get(rowKey[i]);
                    valuesPerRow.add(a == null ? emptyAggregate(aggregates) : a.values());
                    nodesPerRow.add(a == null ? List.of() : a.nodes());
                    fieldLocs.add(new ResultLocation(locs.get(i), f.getResultKey(), -1));
                }
                ResponseRows.chargePerParent(budget, perKey.stream().map(a -> a.nodes()).toList(), rowKey, false);
                values.clear();
                values.addAll(run.aggregateObjects(target, f, valuesPerRow, nodesPerRow, fieldLocs));
                return values;
            }
            Select select = planner.selectFields(r.to(), f.getResolvedArguments(), names(f.getChildren()), r.toColumns());
            List<Object> fromSourceJson = object || keys.isEmpty() ? null : sourceJson.values(r, target, f, keys, rowKey, select);
            if (fromSourceJson != null) {
                return fromSourceJson;
            }
            List<List<Row>> groups = keys.isEmpty() ? List.of() : loaders.rows(r, keys, select, access, budget);
            ResponseRows.chargePerParent(budget, groups, rowKey, object); // what the parents hold, repeats included
            int total = 0;
            for (int key : rowKey) {
                total += key < 0 ? 0 : object ? Math.min(1, groups.get(key).size()) : groups.get(key).size();
            }
            List<Row> flat = new ArrayList<>(total);
            ResultLocation.Children flatLocs = new ResultLocation.Children(locs, f.getResultKey(), total);
            for (int i = 0; i < rows.size(); i++) {
                List<Row> group = rowKey[i] < 0 ? List.of() : groups.get(rowKey[i]);
                if (object) {
                    if (!group.isEmpty()) {
                        flat.add(group.get(0));
                        flatLocs.add(i, -1);
                    }
                    continue;
                }
                for (int j = 0; j < group.size(); j++) {
                    flat.add(group.get(j));
                    flatLocs.add(i, j);
                }
            }
            ObjectLevel level = run.objects(target, f.getChildren(), flat, flatLocs);
            int next = 0;
            for (int i = 0; i < rows.size(); i++) {
                List<Row> group = rowKey[i] < 0 ? List.of() : groups.get(rowKey[i]);
                if (object) {
                    values.set(i, group.isEmpty() ? null : level.object(next++));
                    if (group.isEmpty() && r.required()) {
                        run.error(f, new ResultLocation(locs.get(i), f.getResultKey(), -1), NullPropagation.missing(r));
                    }
                } else {
                    values.set(i, level.list(next, next + group.size()));
                    next += group.size();
                }
            }
            return values;
        } catch (RuntimeException e) {
            for (int i = 0; i < rows.size(); i++) {
                values.set(i, null);
                run.error(f, new ResultLocation(locs.get(i), f.getResultKey(), -1), e);
            }
            return values;
        }
    }
}
