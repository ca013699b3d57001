#!/usr/bin/env node
// Audits a running GraphQL endpoint against the GraphQL-over-HTTP specification with
// graphql-http's auditServer, which is the same audit its public server list uses.
//
//   node src/test/js/http-audit.mjs http://127.0.0.1:8080/graphql
//
// Prints one line per audit (status, id, name, and the reason for any that is not ok).
// Exits 0 when no audit has status "error" (a MUST of the spec); "warn" (a SHOULD) and
// "notice" results are printed but allowed. Exits 1 on any error, 2 on bad usage or when
// the server cannot be reached at all.
import { auditServer } from 'graphql-http';

const REQUEST_TIMEOUT_MS = 10_000;
const TOTAL_TIMEOUT_MS = 60_000;

const url = process.argv[2];
if (!url || !/^https?:\/\//.test(url)) {
  console.error('usage: node http-audit.mjs <url of the GraphQL endpoint, e.g. http://127.0.0.1:8080/graphql>');
  process.exit(2);
}

const watchdog = setTimeout(() => {
  console.error(`http-audit: FAILED: the audit did not finish within ${TOTAL_TIMEOUT_MS / 1000} s`);
  process.exit(1);
}, TOTAL_TIMEOUT_MS);

/** The API key the audit sends (X-API-Key), from the environment: Weft's demo needs one. */
const apiKey = process.env.WEFT_API_KEY;

/** fetch with a per-request time limit (so one hung request cannot stall the audit) and the API key. */
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
  if (apiKey) headers.set('X-API-Key', apiKey);
  return fetch(input, { ...init, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
};

/** Best-effort description of the response an audit failed on (its body may be consumed). */
async function describe(response) {
  if (!response) return '';
  let text = `HTTP ${response.status}, content-type: ${response.headers.get('content-type') ?? '(none)'}`;
  try {
    const body = await response.clone().text();
    if (body) text += `, body: ${body.length > 300 ? body.slice(0, 300) + '...' : body}`;
  } catch {
    // the audit already read the body
  }
  return text;
}

try {
  await fetchFn(url, { method: 'GET' });
} catch (e) {
  console.error(`http-audit: FAILED: cannot reach ${url}: ${e.cause?.message ?? e.message}`);
  process.exit(2);
}

const results = await auditServer({ url, fetchFn });
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const r of results) {
  counts[r.status] = (counts[r.status] ?? 0) + 1;
  const line = `${r.status.toUpperCase().padEnd(6)} ${r.id} ${r.name}`;
  if (r.status === 'ok') {
    console.log(line);
  } else {
    console.log(`${line}\n       reason: ${r.reason}`);
    const detail = await describe(r.response);
    if (detail) console.log(`       response: ${detail}`);
  }
}
clearTimeout(watchdog);

console.log(
  `\nhttp-audit: ${results.length} audits against ${url}: ` +
    `${counts.ok} ok, ${counts.warn} warn, ${counts.notice} notice, ${counts.error} error`,
);
if (counts.error > 0) {
  console.error(`http-audit: FAILED: ${counts.error} audit(s) with status "error" (a MUST of GraphQL over HTTP)`);
  process.exit(1);
}
console.log('http-audit: PASSED (no audit with status "error")');
