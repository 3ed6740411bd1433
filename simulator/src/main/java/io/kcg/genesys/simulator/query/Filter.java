package io.kcg.genesys.simulator.query;

import java.util.List;
import java.util.function.Function;

/** A query's filter: and/or of clauses and predicates (two levels, as Genesys allows). */
sealed interface Filter permits Filter.Junction, Filter.Predicate {

    /** Whether an event with these dimension values (null = the dimension is absent) passes. */
    boolean test(Function<String, String> dimensionValues);

    /** How many predicates on {@code dimension} the filter holds. */
    int count(String dimension);

    record Junction(boolean all, List<Filter> parts) implements Filter {
        @Override
        public boolean test(Function<String, String> dimensionValues) {
            for (Filter part : parts) {
                if (part.test(dimensionValues) != all) {
                    return !all;
                }
            }
            return all;
        }

        @Override
        public int count(String dimension) {
            int n = 0;
            for (Filter part : parts) {
                n += part.count(dimension);
            }
            return n;
        }
    }

    enum Operator { MATCHES, EXISTS, NOT_EXISTS }

    record Predicate(String dimension, Operator operator, String value) implements Filter {
        @Override
        public boolean test(Function<String, String> dimensionValues) {
            String actual = dimensionValues.apply(dimension);
            return switch (operator) {
                case MATCHES -> value.equals(actual);
                case EXISTS -> actual != null;
                case NOT_EXISTS -> actual == null;
            };
        }

        @Override
        public int count(String dimension) {
            return this.dimension.equals(dimension) ? 1 : 0;
        }
    }
}
