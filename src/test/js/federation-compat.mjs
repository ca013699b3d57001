#!/usr/bin/env node
// Runs the checks of Apollo's subgraph compatibility suite (@apollo/federation-subgraph-compatibility-tests,
// the package behind `npx @apollo/federation-subgraph-compatibility`) against a products subgraph, here Weft
// with examples/federation-compat/, using @apollo/gateway instead of the suite's Apollo Router in Docker.
//
//   node src/test/js/federation-compat.mjs http://127.0.0.1:8080/graphql [results.json]
//
// It fetches the suite with `npm pack` into target/federation-compat-suite (once), starts the suite's own users
// and inventory subgraphs on free ports, composes the three with IntrospectAndCompose, serves the gateway, and
// runs the suite's compiled checks (dist/tests/*.test.js) with jest's `expect`, its requests pointed at Weft and at
// the gateway. Prints "READY" when the gateway serves (or "COMPOSITION FAILED" with the composition errors, and
// then every check through the gateway fails), one line per check and the suite's results table, and writes
// {"<check>": true|false} to results.json if given. Exits 0 when the checks ran (whatever they found), 1 when
// they could not run.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { expect } from 'expect';

const SUITE = '@apollo/federation-subgraph-compatibility-tests@1.2.1';
// the suite's own list (src/testRunner.ts): check, federation version, required
const CHECKS = [
  ['introspection', 1, true], ['@key single', 1, true], ['@key multiple', 1, false], ['@key composite', 1, false],
  ['repeatable @key', 1, false], ['@requires', 1, false], ['@provides', 1, false], ['ftv1', 1, false],
  ['@link', 2, true], ['@shareable', 2, false], ['@tag', 2, false], ['@override', 2, false],
  ['@inaccessible', 2, false], ['@composeDirective', 2, false], ['@interfaceObject', 2, false],
];

const [productsUrl, resultsFile] = process.argv.slice(2);
if (!productsUrl) {
  console.error('usage: node federation-compat.mjs <products subgraph url> [results.json]');
  process.exit(2);
}
const children = [];
let composition = null;
const cleanUp = () => children.forEach((child) => child.kill());
process.on('exit', cleanUp);
setTimeout(() => { console.error('federation-compat: FAILED: not done within 180 s'); process.exit(1); }, 180_000).unref();

try {
  const suite = fetchSuite(path.resolve('target/federation-compat-suite'));
  const usersUrl = await startSubgraph(suite, 'users', 'USERS_PORT');
  const inventoryUrl = await startSubgraph(suite, 'inventory', 'INVENTORY_PORT');
  // a supergraph the three do not compose into fails the checks that go through the gateway, not the others
  let routerUrl = null;
  let gateway = null;
  try {
    gateway = new ApolloGateway({
      supergraphSdl: new IntrospectAndCompose({ subgraphs: [
        { name: 'inventory', url: inventoryUrl }, { name: 'users', url: usersUrl }, { name: 'products', url: productsUrl },
      ] }),
      logger: { debug() {}, info() {}, warn: console.warn, error: console.error },
    });
    ({ url: routerUrl } = await startStandaloneServer(new ApolloServer({ gateway }), { listen: { host: '127.0.0.1', port: 0 } }));
  } catch (e) {
    composition = String(e.message ?? e);
    console.log(`COMPOSITION FAILED: ${composition}`);
  }
  console.log(`READY ${routerUrl ?? '(no gateway)'}`);

  const results = await runChecks(suite, productsUrl, routerUrl);
  if (composition) console.log(`\nThe gateway could not compose the subgraphs, so every check through it failed:\n${composition}`);
  console.log('\n| check | federation | required | result |\n| --- | --- | --- | --- |');
  for (const [name, version, required] of CHECKS) {
    console.log(`| \`${name}\` | ${version} | ${required ? 'yes' : 'no'} | ${results[name] ? 'passes' : 'fails'} |`);
  }
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  console.log(`RESULTS ${JSON.stringify(results)}`);
  await gateway?.stop();
  process.exit(0);
} catch (e) {
  console.error(`federation-compat: FAILED: ${e.stack ?? e}`);
  process.exit(1);
}

/** The suite's package directory, fetched from the npm registry with `npm pack` the first time. */
function fetchSuite(dir) {
  const suite = path.join(dir, 'package');
  if (!existsSync(path.join(suite, 'products.graphql'))) {
    mkdirSync(dir, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const tarball = execFileSync(npm, ['pack', SUITE, '--pack-destination', dir, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('tar', ['xzf', path.join(dir, tarball), '-C', dir]);
  }
  return suite;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts one of the suite's own subgraphs (a bundled Apollo Server) and waits until it answers. */
async function startSubgraph(suite, name, portVariable) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(suite, 'dist/subgraphs', name, 'index.js')], {
    env: { ...process.env, [portVariable]: String(port) }, stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}/`;
  for (let attempt = 0; attempt < 120; attempt++) {
    if (child.exitCode !== null) throw new Error(`the ${name} subgraph exited with ${child.exitCode}`);
    try {
      const answer = await graphqlRequest(url, { query: '{ __typename }' });
      if (answer?.data?.__typename) return url;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the ${name} subgraph did not answer on ${url}`);
}

/** As the suite's utils/client.js: the JSON of a JSON answer, else the text. */
async function graphqlRequest(url, req, headers) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', ...(headers ?? {}) },
    body: JSON.stringify(req),
  });
  if (response.ok && response.headers.get('content-type')?.startsWith('application/json')) return response.json();
  return response.text();
}

/**
 * Loads the suite's compiled checks with describe/test/it and jest's expect as globals, its request helpers
 * pointed at the products subgraph and the gateway, and runs them in order. A check (a top-level describe or
 * test, as the suite names them) passes when none of its tests fails.
 */
async function runChecks(suite, productsUrl, routerUrl) {
  const require = createRequire(path.join(suite, 'dist', 'index.js'));
  const clientFile = path.join(suite, 'dist', 'utils', 'client.js');
  const client = new Module(clientFile);
  client.filename = clientFile;
  client.loaded = true;
  client.exports = {
    graphqlRequest,
    productsRequest: (req, headers) => graphqlRequest(productsUrl, req, headers),
    routerRequest: (req, headers) => (routerUrl ? graphqlRequest(routerUrl, req, headers)
      : Promise.reject(new Error('no gateway: the subgraphs did not compose'))),
  };
  require.cache[clientFile] = client;
  // the suite's requires (graphql) resolve to the packages next to this script
  process.env.NODE_PATH = fileURLToPath(new URL('./node_modules', import.meta.url));
  Module._initPaths();

  const tests = [];
  let check = null;
  globalThis.describe = (name, body) => { check = name; body(); check = null; };
  globalThis.test = globalThis.it = (name, body) => tests.push({ check: check ?? name, name, body });
  globalThis.expect = expect;
  const testDir = path.join(suite, 'dist', 'tests');
  for (const file of readdirSync(testDir).filter((f) => f.endsWith('.test.js')).sort()) {
    require(path.join(testDir, file));
  }

  const results = Object.fromEntries(CHECKS.map(([name]) => [name, true]));
  for (const { check: name, name: title, body } of tests) {
    try {
      await body();
      console.log(`ok   ${name}${title === name ? '' : ` > ${title}`}`);
    } catch (e) {
      results[name] = false;
      const reason = String(e.message ?? e).replace(/\u001b\[[0-9;]*m/g, '').split('\n').filter(Boolean).slice(0, 20).join(' / ');
      console.log(`FAIL ${name}${title === name ? '' : ` > ${title}`}: ${reason}`);
    }
  }
  return results;
}
