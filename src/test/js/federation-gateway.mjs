#!/usr/bin/env node
// An Apollo Federation gateway (@apollo/gateway, IntrospectAndCompose) over Weft and a second subgraph,
// "reviews" (Apollo Server + @apollo/subgraph), that this script starts itself, for
// dev.weft.gateway.FederationGatewayIT (README, "Federation and gateways").
//
//   node src/test/js/federation-gateway.mjs http://127.0.0.1:8080/graphql <API key to compose Weft's schema with>
//
// The reviews subgraph extends Weft's entities ShopProducts (adds `reviews`) and CrmCustomers (adds
// `reviews`), and points back to them (Review.product, Review.author) and to ShopStock (composite key,
// Restock.stock) by their keys, which the gateway resolves through Weft's Query._entities. The gateway forwards
// each request's X-API-Key to Weft, so the caller's role governs what Weft returns.
// Hive Gateway's runtime (@graphql-hive/gateway-runtime) serves the same supergraph as a second gateway.
// Prints "READY <gateway url> <reviews url> <calls url> <hive gateway url>" once all listen on 127.0.0.1;
// GET <calls url> answers how many operations each gateway sent each subgraph since the last GET
// ({"weft", "reviews"}: Apollo's; {"hiveWeft", "hiveReviews"}: Hive's).
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { parse } from 'graphql';
import { REVIEWS, RESTOCKS, gatewayArgs } from './gateway-common.mjs';

const [weftUrl, schemaKey] = gatewayArgs('federation-gateway.mjs');

// ---- the reviews subgraph, over REVIEWS and RESTOCKS of gateway-common.mjs
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Review { id: ID! body: String! product: ShopProducts author: CrmCustomers }
  type Restock { id: ID! stock: ShopStock }
  type ShopProducts @key(fields: "id") { id: Int! reviews: [Review!]! }
  type CrmCustomers @key(fields: "id") { id: Int! reviews: [Review!]! }
  type ShopStock @key(fields: "warehouse product_id", resolvable: false) { warehouse: String! product_id: Int! }
  type Query { reviews: [Review!]! restocks: [Restock!]! }
`);
const review = (r) => ({ ...r, product: { id: r.productId }, author: { id: r.authorId } });
const resolvers = {
  Query: {
    reviews: () => REVIEWS.map(review),
    restocks: () => RESTOCKS.map((r) => ({ id: r.id, stock: { warehouse: r.warehouse, product_id: r.productId } })),
  },
  ShopProducts: {
    __resolveReference: ({ id }) => ({ id, reviews: REVIEWS.filter((r) => r.productId === id).map(review) }),
  },
  CrmCustomers: {
    __resolveReference: ({ id }) => ({ id, reviews: REVIEWS.filter((r) => r.authorId === id).map(review) }),
  },
};
const reviews = new ApolloServer({ schema: buildSubgraphSchema({ typeDefs, resolvers }) });
const { url: reviewsUrl } = await startStandaloneServer(reviews, { listen: { host: '127.0.0.1', port: 0 } });

// ---- the gateway
const calls = { weft: 0, reviews: 0, hiveWeft: 0, hiveReviews: 0 };
const gateway = new ApolloGateway({
  supergraphSdl: new IntrospectAndCompose({ subgraphs: [{ name: 'weft', url: weftUrl }, { name: 'reviews', url: reviewsUrl }] }),
  buildService: ({ name, url }) => new RemoteGraphQLDataSource({
    url,
    willSendRequest({ kind, request, context }) {
      const operation = kind === 'incoming operation'; // GraphQLDataSourceRequestKind.INCOMING_OPERATION
      if (operation) calls[name]++;
      // the schema key composes; an operation is sent with its caller's key only (none: Weft answers 401)
      const key = operation ? context.apiKey : schemaKey;
      if (name === 'weft' && key) request.http.headers.set('X-API-Key', key);
    },
  }),
});
let supergraphSdl = null;
gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => { supergraphSdl = coreSupergraphSdl; });
const server = new ApolloServer({ gateway });
const { url: gatewayUrl } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: 0 },
  context: async ({ req }) => ({ apiKey: req.headers['x-api-key'] }),
});

// ---- Hive Gateway (its runtime, as `hive-gateway supergraph` runs it) over the supergraph Apollo's gateway composed,
// with the README's header propagation
const hive = createGatewayRuntime({
  supergraph: supergraphSdl,
  logging: 'error',
  plugins: () => [{
    onFetch({ url }) {
      if (url.startsWith(weftUrl)) calls.hiveWeft++;
      else if (url.startsWith(reviewsUrl)) calls.hiveReviews++;
    },
  }],
  propagateHeaders: {
    fromClientToSubgraphs: ({ request, subgraphName }) =>
      subgraphName === 'weft'
        ? { 'x-api-key': request.headers.get('x-api-key'), authorization: request.headers.get('authorization') }
        : {},
  },
});
const hiveServer = http.createServer(hive);
await new Promise((resolve) => hiveServer.listen(0, '127.0.0.1', resolve));
const hiveUrl = `http://127.0.0.1:${hiveServer.address().port}/graphql`;

const callsServer = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(calls));
  for (const name of Object.keys(calls)) calls[name] = 0;
});
await new Promise((resolve) => callsServer.listen(0, '127.0.0.1', resolve));
console.log(`READY ${gatewayUrl} ${reviewsUrl} http://127.0.0.1:${callsServer.address().port}/calls ${hiveUrl}`);
