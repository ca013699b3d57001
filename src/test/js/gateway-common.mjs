// What federation-gateway.mjs and stitching-gateway.mjs share: their command line and the data of the
// "reviews" server each starts beside Weft (dev.weft.gateway.ShopFixture's rows: there is no product 99,
// no customer 99, no stock row ('north', 99)).

/** [Weft /graphql url, API key for the schema] from the command line; exits with usage text when one is missing. */
export function gatewayArgs(script) {
  const [weftUrl, schemaKey] = process.argv.slice(2);
  if (!weftUrl || !schemaKey) {
    console.error(`usage: node ${script} <Weft /graphql url> <API key for the schema>`);
    process.exit(2);
  }
  return [weftUrl, schemaKey];
}

export const REVIEWS = [
  { id: 'r1', body: 'Solid hammer', productId: 1, authorId: 1 },
  { id: 'r2', body: 'Cuts well', productId: 2, authorId: 2 },
  { id: 'r3', body: 'Light rake', productId: 3, authorId: 3 },
  { id: 'r4', body: 'Leaks', productId: 4, authorId: 1 },
  { id: 'r5', body: 'Heavy but good', productId: 1, authorId: 4 },
  { id: 'r6', body: 'Discontinued', productId: 99, authorId: 99 },
];

// restocks of Weft's stock, whose key is (warehouse, product_id)
export const RESTOCKS = [
  { id: 's1', warehouse: 'north', productId: 1 },
  { id: 's2', warehouse: 'south', productId: 1 },
  { id: 's3', warehouse: 'north', productId: 3 },
  { id: 's4', warehouse: 'north', productId: 99 },
];
