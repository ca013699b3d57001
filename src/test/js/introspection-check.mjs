// Usage: node introspection-check.mjs <graphqlUrl> <typeNameRegExp> <expectedCount>
// Sends GraphiQL's introspection query (graphql-js getIntrospectionQuery, as GraphiQL builds it), builds the
// client schema from the answer as GraphiQL does (buildClientSchema), validates it with graphql-js, and checks
// that exactly <expectedCount> type names match <typeNameRegExp>. Exits non-zero on any failure.
import { buildClientSchema, getIntrospectionQuery, validateSchema } from 'graphql';

const [url, pattern, expected] = process.argv.slice(2);
const response = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
  body: JSON.stringify({ query: getIntrospectionQuery({ inputValueDeprecation: true }), operationName: 'IntrospectionQuery' }),
});
const text = await response.text();
const fail = (message) => { console.error(`FAIL ${message}`); process.exit(1); };
if (response.status !== 200) fail(`HTTP ${response.status}: ${text.slice(0, 500)}`);
const body = JSON.parse(text);
if (body.errors) fail(`errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
const schema = buildClientSchema(body.data);
const errors = validateSchema(schema);
if (errors.length) fail(`graphql-js finds the schema invalid: ${errors.slice(0, 5).map((e) => e.message).join('; ')}`);
const names = Object.keys(schema.getTypeMap());
const matching = names.filter((name) => new RegExp(pattern).test(name)).length;
console.log(`introspection: ${text.length} bytes, ${names.length} types, ${matching} matching /${pattern}/, valid for graphql-js`);
if (matching !== Number(expected)) fail(`${matching} types match /${pattern}/, expected ${expected}`);
