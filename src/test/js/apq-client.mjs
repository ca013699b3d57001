// Apollo Client's automatic persisted queries against a running Weft: node apq-client.mjs <graphql url> <api key>
// Runs a query twice over POST and another twice with useGETForHashedQueries, records each HTTP request the link
// sends (method, whether it carried the query text, the error code answered) and prints READY then one line
// RESULT <json> with the requests and the data, and exits 0 (1 on an unexpected failure).
import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client/core/index.js';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries/index.js';

const [url, apiKey] = process.argv.slice(2);
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
console.log('READY started');

function client(requests, useGETForHashedQueries) {
  const recordingFetch = async (uri, options) => {
    const response = await fetch(uri, options);
    const text = await response.clone().text();
    const method = options.method ?? 'GET';
    const sent = method === 'GET' ? Object.fromEntries(new URL(uri).searchParams) : JSON.parse(options.body);
    let code = null;
    try {
      code = JSON.parse(text).errors?.[0]?.extensions?.code ?? null;
    } catch {
      code = 'NOT_JSON';
    }
    requests.push({ method, query: Boolean(sent.query), status: response.status, code });
    return response;
  };
  const link = createPersistedQueryLink({ sha256, useGETForHashedQueries })
    .concat(new HttpLink({ uri: url, fetch: recordingFetch, headers: { 'X-API-Key': apiKey } }));
  return new ApolloClient({ link, cache: new InMemoryCache(), defaultOptions: { query: { fetchPolicy: 'network-only' } } });
}

try {
  const post = [];
  const postClient = client(post, false);
  const projects = gql`query ApqProjects { pm_projects(limit: 2, order_by: [{id: asc}]) { id } }`;
  const first = await postClient.query({ query: projects });
  const second = await postClient.query({ query: projects });

  const get = [];
  const getClient = client(get, true);
  const one = gql`query ApqOne($id: Int!) { pm_projects_by_pk(id: $id) { id } }`;
  const third = await getClient.query({ query: one, variables: { id: 1 } });
  const fourth = await getClient.query({ query: one, variables: { id: 2 } });

  console.log('RESULT ' + JSON.stringify({
    post, get,
    data: [first.data, second.data, third.data, fourth.data],
  }));
  process.exit(0);
} catch (e) {
  console.log('FAILED ' + (e.stack ?? e));
  process.exit(1);
}
