package dev.weft.catalog;

import dev.weft.config.ConfigValidator;
import dev.weft.config.Naming;
import java.util.Locale;

/**
 * Every GraphQL type name Weft generates, in one place: what a generator asks for when it adds a type, so that
 * one switch ({@code weft.naming}) names them all. Two implementations, the Weft way ({@link #WEFT}) and Hasura's
 * ({@link #HASURA}); a new kind of generated type is a new {@link Part} with both spellings.
 *
 * <pre>{@code
 * TypeNaming.WEFT.table("Hr", "employees")                 // HrEmployees
 * TypeNaming.WEFT.of("HrEmployees", Part.BOOL_EXP)         // HrEmployeesBoolExp
 * TypeNaming.HASURA.table("", "employees")                 // employees
 * TypeNaming.HASURA.of("employees", Part.BOOL_EXP)         // employees_bool_exp
 * TypeNaming.HASURA.comparison("Int")                      // Int_comparison_exp
 * TypeNaming.HASURA.queryRoot()                            // query_root
 * }</pre>
 */
public sealed interface TypeNaming {
    TypeNaming WEFT = new Weft();
    TypeNaming HASURA = new Hasura();

    /** The types generated per table (or nested document), each a suffix of the table's type name. */
    enum Part {
        BOOL_EXP("BoolExp", "_bool_exp"),
        ORDER_BY("OrderBy", "_order_by"),
        AGGREGATE("Aggregate", "_aggregate"),
        AGGREGATE_FIELDS("AggregateFields", "_aggregate_fields"),
        SUM_FIELDS("SumFields", "_sum_fields"),
        AVG_FIELDS("AvgFields", "_avg_fields"),
        MIN_FIELDS("MinFields", "_min_fields"),
        MAX_FIELDS("MaxFields", "_max_fields"),
        STDDEV_FIELDS("StddevFields", "_stddev_fields"),
        STDDEV_POP_FIELDS("StddevPopFields", "_stddev_pop_fields"),
        STDDEV_SAMP_FIELDS("StddevSampFields", "_stddev_samp_fields"),
        VARIANCE_FIELDS("VarianceFields", "_variance_fields"),
        VAR_POP_FIELDS("VarPopFields", "_var_pop_fields"),
        VAR_SAMP_FIELDS("VarSampFields", "_var_samp_fields"),
        SELECT_COLUMN("SelectColumn", "_select_column"),
        INSERT_INPUT("InsertInput", "_insert_input"),
        SET_INPUT("SetInput", "_set_input"),
        INC_INPUT("IncInput", "_inc_input"),
        PK_COLUMNS_INPUT("PkColumnsInput", "_pk_columns_input"),
        ON_CONFLICT("OnConflict", "_on_conflict"),
        CONSTRAINT("Constraint", "_constraint"),
        UPDATE_COLUMN("UpdateColumn", "_update_column"),
        UPDATES("Updates", "_updates"),
        MUTATION_RESPONSE("MutationResponse", "_mutation_response"),
        OBJ_REL_INSERT_INPUT("ObjRelInsertInput", "_obj_rel_insert_input"),
        ARR_REL_INSERT_INPUT("ArrRelInsertInput", "_arr_rel_insert_input"),
        /** The input of a MongoDB nested document ({@code <NestedType>Input}). */
        INPUT("Input", "_input"),
        /** Ordering by an aggregate of the table's rows, as an array relationship's ({@code {count max ...}}). */
        AGGREGATE_ORDER_BY("AggregateOrderBy", "_aggregate_order_by"),
        SUM_ORDER_BY("SumOrderBy", "_sum_order_by"),
        AVG_ORDER_BY("AvgOrderBy", "_avg_order_by"),
        MIN_ORDER_BY("MinOrderBy", "_min_order_by"),
        MAX_ORDER_BY("MaxOrderBy", "_max_order_by"),
        STDDEV_ORDER_BY("StddevOrderBy", "_stddev_order_by"),
        STDDEV_POP_ORDER_BY("StddevPopOrderBy", "_stddev_pop_order_by"),
        STDDEV_SAMP_ORDER_BY("StddevSampOrderBy", "_stddev_samp_order_by"),
        VARIANCE_ORDER_BY("VarianceOrderBy", "_variance_order_by"),
        VAR_POP_ORDER_BY("VarPopOrderBy", "_var_pop_order_by"),
        VAR_SAMP_ORDER_BY("VarSampOrderBy", "_var_samp_order_by");

        private final String weft;
        private final String hasura;

        Part(String weft, String hasura) {
            this.weft = weft;
            this.hasura = hasura;
        }

        /** The part of an aggregate function's fields: {@code sum} gives {@link #SUM_FIELDS}, {@code var_pop} {@link #VAR_POP_FIELDS}. */
        public static Part fieldsOf(String function) {
            return valueOf(function.toUpperCase(Locale.ROOT) + "_FIELDS");
        }

        /** The part ordering by an aggregate function: {@code max} gives {@link #MAX_ORDER_BY}. */
        public static Part orderByOf(String function) {
            return valueOf(function.toUpperCase(Locale.ROOT) + "_ORDER_BY");
        }
    }

    /** The object type of table {@code tableName} of a service whose type prefix is {@code typePrefix}. */
    String table(String typePrefix, String tableName);

    /** The type {@code part} of the table (or nested document) type {@code type}. */
    String of(String type, Part part);

    /** The object type of a nested document (MongoDB) {@code column} in the type {@code enclosingType}. */
    String nested(String enclosingType, Column column);

    /** The conditions on one scalar: {@code IntComparisonExp}, Hasura's {@code Int_comparison_exp}. */
    String comparison(String scalar);

    /** The enum of sort directions: {@code OrderBy}, Hasura's {@code order_by}. */
    String orderByEnum();

    String queryRoot();

    String mutationRoot();

    /**
     * Whether a table's type name would be one of the types this naming generates for itself (a scalar, the sort enum,
     * a root type, a comparison type): {@code date} or {@code order_by} in Hasura's naming.
     */
    default boolean reserved(String typeName) {
        return typeName.equals(orderByEnum()) || typeName.equals(queryRoot()) || typeName.equals(mutationRoot())
                || BUILT_IN.contains(typeName) || (hasura() && (HASURA_SCALARS.contains(typeName)
                || typeName.endsWith(comparison(""))));
    }

    /** GraphQL's own types and the scalars of every naming. */
    java.util.Set<String> BUILT_IN = java.util.Set.of("Int", "Float", "String", "Boolean", "ID", "Long", "BigInteger",
            "BigDecimal", "Date", "Time", "LocalTime", "DateTime", "LocalDateTime", "JSON", "UUID", "Base64", "ObjectId");
    /** The scalars only Hasura's naming has ({@code bigint}, {@code timestamptz}, ...), and its root types. */
    java.util.Set<String> HASURA_SCALARS = java.util.Set.of("bigint", "numeric", "float8", "date", "time", "timetz",
            "timestamp", "timestamptz", "json", "jsonb", "uuid", "bytea", "subscription_root");

    /** The naming of {@code naming}. */
    static TypeNaming of(Naming naming) {
        return naming == Naming.HASURA ? HASURA : WEFT;
    }

    /** Whether this is Hasura's naming (lists non-null, Hasura's scalar names and renderings). */
    default boolean hasura() {
        return this == HASURA;
    }

    /** {@code HrEmployees}, {@code HrEmployeesBoolExp}: PascalCase, suffixes appended. */
    final class Weft implements TypeNaming {
        private Weft() {
        }

        @Override
        public String table(String typePrefix, String tableName) {
            return GraphqlNames.type(typePrefix, tableName);
        }

        @Override
        public String of(String type, Part part) {
            return type + part.weft;
        }

        @Override
        public String nested(String enclosingType, Column column) {
            return enclosingType + ConfigValidator.pascalCase(column.fieldName());
        }

        @Override
        public String comparison(String scalar) {
            return scalar + "ComparisonExp";
        }

        @Override
        public String orderByEnum() {
            return "OrderBy";
        }

        @Override
        public String queryRoot() {
            return "Query";
        }

        @Override
        public String mutationRoot() {
            return "Mutation";
        }

        @Override
        public String toString() {
            return "weft";
        }
    }

    /** {@code employees}, {@code employees_bool_exp}: the table's own name, snake_case suffixes, as Hasura names them. */
    final class Hasura implements TypeNaming {
        private Hasura() {
        }

        @Override
        public String table(String typePrefix, String tableName) {
            return typePrefix + GraphqlNames.field(tableName);
        }

        @Override
        public String of(String type, Part part) {
            return type + part.hasura;
        }

        @Override
        public String nested(String enclosingType, Column column) {
            return enclosingType + "_" + column.fieldName();
        }

        @Override
        public String comparison(String scalar) {
            return scalar + "_comparison_exp";
        }

        @Override
        public String orderByEnum() {
            return "order_by";
        }

        @Override
        public String queryRoot() {
            return "query_root";
        }

        @Override
        public String mutationRoot() {
            return "mutation_root";
        }

        @Override
        public String toString() {
            return "hasura";
        }
    }
}
