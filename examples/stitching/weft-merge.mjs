// A Weft subschema for @graphql-tools/stitch, with type merging read from Weft's own schema: every type
// that has a `<root>_by_pk` query field is merged on its primary key through Weft's batched root list
// `<root>(where: {<key>: {_in: $keys}}, limit: <number of keys>)`. Stitching gathers the keys of one type
// in one request (DataLoader), so Weft receives one query per type per request and answers it with one
// statement (per `batch-size` keys). A key without a row, or whose row the caller's role does not see, is
// null. Composite keys are merged through `_or` of one condition per key.
//
//   import { weftSubschema } from './weft-merge.mjs';
//   const executor = buildHTTPExecutor({ endpoint: 'http://weft:8080/graphql', headers: ... });
//   const weft = weftSubschema(await schemaFromExecutor(executor), executor);
//   const gatewaySchema = stitchSchemas({ subschemas: [weft, other] });
//
// The module imports nothing, so it can be copied next to any gateway.

/**
 * The subschema configuration: `batch: true`, one merge configuration per type with a primary key, and a
 * transform that adds the key columns (under the alias `_weft_key_<column>`) to Weft's root lists, so that
 * rows are matched to keys by value (Weft returns them in its own order, without the missing ones).
 * `maxBatchSize` bounds the keys in one query: keep it at or below a role's `max-limit`.
 */
export function weftSubschema(schema, executor, { maxBatchSize } = {}) {
  const merge = {};
  const keysByRoot = {};
  const fields = schema.getQueryType().getFields();
  for (const [name, byPk] of Object.entries(fields)) {
    if (!name.endsWith('_by_pk')) continue;
    const root = name.slice(0, -'_by_pk'.length);
    if (!fields[root]) continue;
    const keys = byPk.args.map((arg) => arg.name);
    const config = keys.length === 1 ? single(root, keys[0]) : composite(root, keys);
    if (maxBatchSize) config.dataLoaderOptions = { maxBatchSize };
    merge[namedType(byPk.type).name] = config;
    keysByRoot[root] = keys;
  }
  return { schema, executor, batch: true, merge, transforms: [selectKeys(keysByRoot)] };
}

const alias = (column) => `_weft_key_${column}`;

function single(root, key) {
  return {
    selectionSet: `{ ${key} }`,
    fieldName: root,
    key: (entity) => entity[key],
    argsFromKeys: (keys) => ({ where: { [key]: { _in: keys } }, limit: keys.length }),
    valuesFromResults: (rows, keys) => inKeyOrder(rows, keys.map(String), (row) => String(row[alias(key)])),
  };
}

function composite(root, columns) {
  const keyOf = (values) => JSON.stringify(values);
  return {
    selectionSet: `{ ${columns.join(' ')} }`,
    fieldName: root,
    // a string per key, so that the same key asked twice is one key
    key: (entity) => keyOf(columns.map((column) => entity[column])),
    argsFromKeys: (keys) => ({
      where: { _or: keys.map((key) => {
        const values = JSON.parse(key);
        return Object.fromEntries(columns.map((column, i) => [column, { _eq: values[i] }]));
      }) },
      limit: keys.length,
    }),
    valuesFromResults: (rows, keys) => inKeyOrder(rows, keys, (row) => keyOf(columns.map((c) => row[alias(c)]))),
  };
}

/** The rows in the order of the keys, null for a key without a row; an error stands for every key. */
function inKeyOrder(rows, keys, keyOf) {
  if (!Array.isArray(rows)) return keys.map(() => rows);
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/** A request transform: adds `_weft_key_<column>: <column>` to each root list of a merged type. */
function selectKeys(keysByRoot) {
  const keyField = (column) => ({
    kind: 'Field',
    alias: { kind: 'Name', value: alias(column) },
    name: { kind: 'Name', value: column },
  });
  const withKeys = (selection) => {
    const keys = selection.kind === 'Field' && selection.selectionSet && keysByRoot[selection.name.value];
    if (!keys) return selection;
    const selections = [...selection.selectionSet.selections, ...keys.map(keyField)];
    return { ...selection, selectionSet: { ...selection.selectionSet, selections } };
  };
  return {
    transformRequest(request) {
      const definitions = request.document.definitions.map((definition) =>
        definition.kind !== 'OperationDefinition' ? definition : {
          ...definition,
          selectionSet: { ...definition.selectionSet, selections: definition.selectionSet.selections.map(withKeys) },
        });
      return { ...request, document: { ...request.document, definitions } };
    },
  };
}

function namedType(type) {
  return type.ofType ? namedType(type.ofType) : type;
}
