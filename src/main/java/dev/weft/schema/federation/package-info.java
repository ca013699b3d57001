/**
 * Apollo Federation v2: the directive definitions and scalars of the federation and link specs, the
 * directives that federation.yml asks for, resolved against the catalog ({@link dev.weft.schema.federation.Subgraph}),
 * and the subgraph SDL that {@code _service { sdl }} returns ({@link dev.weft.schema.federation.SubgraphSdl}).
 * The schema generator adds these parts to each role's schema before its one build.
 */
package dev.weft.schema.federation;
