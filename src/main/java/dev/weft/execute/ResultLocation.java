package dev.weft.execute;

import graphql.execution.ResultPath;
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

    /** The locations of the {@code size} elements of a list at {@code parent}, each built when asked for. */
    static List<ResultLocation> indexed(ResultLocation parent, int size) {
        return new java.util.AbstractList<>() {
            @Override
            public ResultLocation get(int i) {
                return new ResultLocation(parent, null, i);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /**
     * The locations of related rows under field {@code key} of their parents, two ints per row until an error asks
     * for one: row {@code r} is element {@code index} (or the field itself, -1) of parent {@code parentOf}.
     */
    static final class Children extends java.util.AbstractList<ResultLocation> {
        private final List<ResultLocation> parents;
        private final String key;
        private int[] parentOf;
        private int[] index;
        private int size;

        Children(List<ResultLocation> parents, String key, int capacity) {
            this.parents = parents;
            this.key = key;
            this.parentOf = new int[Math.max(capacity, 1)];
            this.index = new int[Math.max(capacity, 1)];
        }

        void add(int parent, int elementIndex) {
            if (size == parentOf.length) {
                parentOf = java.util.Arrays.copyOf(parentOf, size * 2 + 1);
                index = java.util.Arrays.copyOf(index, size * 2 + 1);
            }
            parentOf[size] = parent;
            index[size++] = elementIndex;
        }

        @Override
        public ResultLocation get(int r) {
            java.util.Objects.checkIndex(r, size);
            return new ResultLocation(parents.get(parentOf[r]), key, index[r]);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
