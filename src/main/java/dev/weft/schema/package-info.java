/**
 * Catalog to {@code GraphQLSchema}: a type per table with its filter, order and aggregate types,
 * root fields, relationship fields, and {@link dev.weft.schema.SchemaBindings} saying what each field means.
 */
package dev.weft.schema;
