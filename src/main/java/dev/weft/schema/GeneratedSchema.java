package dev.weft.schema;

import graphql.schema.GraphQLSchema;

/** The executable schema and what its fields mean. */
public record GeneratedSchema(GraphQLSchema schema, SchemaBindings bindings) {
}
