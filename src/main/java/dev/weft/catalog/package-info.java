/**
 * The resolved model of everything Weft serves: sources, tables, columns, keys, relationships,
 * each with its GraphQL name. Records only, no I/O; built once at start-up by {@link dev.weft.catalog.CatalogResolver}.
 */
package dev.weft.catalog;
