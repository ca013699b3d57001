package dev.weft.execute;

import graphql.execution.ResultPath;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a value sits in the response, built only when an error needs it: a field ({@code key})
 * or a list element ({@code index}) under its parent. For example {@code new ResultLocation(
 * new ResultLocation(null, "orders", -1), null, 2)} is the path {@code /orders[2]}.
 */
record ResultLocation(ResultLocation parent, String key, int index) {
    ResultPath toPath() {
        ResultPath path = parent == null ? ResultPath.rootPath() : parent.toPath();
        if (key != null) {
            path = path.segment(key);
        }
        return index >= 0 ? path.segment(index) : path;
    }

    /** The locations of the {@code size} elements of a list at {@code parent}. */
    static List<ResultLocation> indexed(ResultLocation parent, int size) {
        List<ResultLocation> locs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            locs.add(new ResultLocation(parent, null, i));
        }
        return locs;
    }
}
