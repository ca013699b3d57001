#!/usr/bin/env node
// A schema-stitching gateway (@graphql-tools/stitch) over Weft and a small "reviews" GraphQL server that
// this script starts itself, for dev.weft.gateway.StitchingGatewayIT (README, "Federation and gateways").
//
//   node src/test/js/stitching-gateway.mjs http://127.0.0.1:8080/graphql <API key to read Weft's schema with>
//
// Weft's types are merged on their primary keys through its batched root lists (weftSubschema of examples/stitching/weft-merge.mjs);
// the reviews server adds `reviews` to Weft's ShopProducts and has Review.product point back to it. The
// gateway forwards each request's X-API-Key to Weft, so the caller's role governs what Weft returns.
// Prints "READY <gateway url> <reviews url> <url of the same gateway with maxBatchSize: 2>" once both listen on
// 127.0.0.1; GET /calls on the gateway answers how many requests each subschema received since the last GET /calls.
import http from 'node:http';
import { buildSchema } from 'graphql';
import { createHandler } from 'graphql-http/lib/use/http';
import { stitchSchemas } from '@graphql-tools/stitch';
import { schemaFromExecutor } from '@graphql-tools/wrap';
import { buildHTTPExecutor } from '@graphql-tools/executor-http';
import { weftSubschema } from '../../../examples/stitching/weft-merge.mjs';
import { REVIEWS, RESTOCKS, gatewayArgs } from './gateway-common.mjs';

const [weftUrl, schemaKey] = gatewayArgs('stitching-gateway.mjs');

// ---- the other schema: reviews of Weft's products by Weft's customers (REVIEWS, RESTOCKS of gateway-common.mjs)
const reviewsSchema = buildSchema(`
  type Review { id: ID! body: String! product: ShopProducts author: CrmCustomers }
  type CrmCustomers { id: Int! }
  type ShopProducts { id: Int! reviews: [Review!]! }
  type Restock { id: ID! stock: ShopStock }
  type ShopStock { warehouse: String! product_id: Int! }
  type Query {
    reviews: [Review!]!
    restocks: [Restock!]!
    _products(ids: [Int!]!): [ShopProducts]!
  }
`);
const reviewsRoot = {
  reviews: () => REVIEWS.map(asReview),
  restocks: () => RESTOCKS.map((r) => ({ id: r.id, stock: { warehouse: r.warehouse, product_id: r.productId } })),
  _products: ({ ids }) => ids.map((id) => ({ id, reviews: REVIEWS.filter((r) => r.productId === id).map(asReview) })),
};
function asReview(r) {
  return { id: r.id, body: r.body, product: { id: r.productId }, author: { id: r.authorId } };
}

const calls = { weft: 0, reviews: 0 };
const reviewsHandler = createHandler({ schema: reviewsSchema, rootValue: reviewsRoot });
const reviewsServer = http.createServer((req, res) => {
  if (req.method === 'POST') calls.reviews++;
  reviewsHandler(req, res);
});
const reviewsUrl = `http://127.0.0.1:${await listen(reviewsServer)}/graphql`;

// ---- the gateway
const weftExecutor = buildHTTPExecutor({
  endpoint: weftUrl,
  // each request is sent with its caller's key only (none: Weft answers 401)
  headers: (request) => (request?.context?.apiKey ? { 'X-API-Key': request.context.apiKey } : {}),
  fetch: (url, init) => { calls.weft++; return fetch(url, init); },
});
const weftSchema = await schemaFromExecutor(weftExecutor, { apiKey: schemaKey });
calls.weft = 0;
const reviewsExecutor = buildHTTPExecutor({ endpoint: reviewsUrl });

const stitched = (weftOptions) => stitchSchemas({
  subschemas: [
    weftSubschema(weftSchema, weftExecutor, weftOptions),
    {
      schema: reviewsSchema,
      executor: reviewsExecutor,
      batch: true,
      merge: {
        ShopProducts: {
          selectionSet: '{ id }',
          fieldName: '_products',
          key: ({ id }) => id,
          argsFromKeys: (ids) => ({ ids }),
        },
      },
    },
  ],
});

const context = (req) => ({ apiKey: req.headers['x-api-key'] });
const gatewayHandler = createHandler({ schema: stitched({}), context });
// the same gateway with at most two keys per query to Weft
const smallBatchHandler = createHandler({ schema: stitched({ maxBatchSize: 2 }), context });
const gateway = http.createServer((req, res) => {
  if (req.url === '/calls') {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(calls));
    calls.weft = 0;
    calls.reviews = 0;
    return;
  }
  (req.url.startsWith('/batch2/') ? smallBatchHandler : gatewayHandler)(req, res);
});
const gatewayPort = await listen(gateway);
console.log(`READY http://127.0.0.1:${gatewayPort}/graphql ${reviewsUrl} http://127.0.0.1:${gatewayPort}/batch2/graphql`);

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}
