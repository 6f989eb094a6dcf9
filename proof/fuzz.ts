// Route fuzzing, long form: the fuzzer of test/proof/fuzz.test.ts (proof/lib/fuzz.ts) over every
// route in /openapi.json for as long as asked, with a fresh seed each run (printed, so a failure
// can be replayed with --seed). Embedded PGlite by default; DATABASE_URL for a PostgreSQL server.
//
//   npm run proof:fuzz                          # 5 minutes
//   npm run proof:fuzz -- --seconds 1800 --seed 12345 --delegation-runs 3000 --consent-runs 1000
//
// First the delegation fuzzes (proof/lib/fuzz-tokens.ts: token minting from makers of every kind;
// proof/lib/fuzz-consent.ts: consent callbacks mutated to take over another workspace's tenant),
// then the routes. Prints requests and statuses per route and every violation (5xx, a secret in an
// answer, cross-workspace access, a token wider than its maker); exit status 1 if there was one.
import { verifyAuditChains } from '../src/core/audit/audit-verify.ts';
import { log, option, writeReport } from './lib/args.ts';
import { fuzzRoutes } from './lib/fuzz.ts';
import { fuzzConsentCallbacks } from './lib/fuzz-consent.ts';
import { fuzzTokenMinting } from './lib/fuzz-tokens.ts';
import { startFuzzTarget } from './lib/fuzz-runtime.ts';
import { refusedLookups } from './lib/no-dns.ts';

const SECONDS = option('seconds', 300);
const SEED = option('seed', Math.floor(Math.random() * 1_000_000));
const DELEGATION_RUNS = option('delegation-runs', 3000);
const CONSENT_RUNS = option('consent-runs', 1000);
log(`fuzzing every route for ${SECONDS} s on ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite'}, seed ${SEED}`);
const target = await startFuzzTarget();
let exit = 0;
try {
  // Delegation first: the route fuzzer may revoke the world's tokens, which the minting fuzz builds on.
  const minting = await fuzzTokenMinting(target.t.rt.app!, target.world, { runs: DELEGATION_RUNS, seed: SEED });
  log(
    `token minting: ${minting.requests} requests, ${minting.accepted} accepted, statuses ${JSON.stringify(minting.byStatus)}; ${minting.violations.length} accepted beyond the maker; ${minting.survivors} of ${minting.revokedDescendants} descendants alive after their maker's revocation`,
  );
  for (const v of minting.violations) log(`VIOLATION ${JSON.stringify(v)}`);
  if (minting.violations.length || minting.survivors) exit = 1;
  const consent = await fuzzConsentCallbacks(target.t.rt.app!, target.t.rt.db, target.sim, target.world, { runs: CONSENT_RUNS, seed: SEED });
  log(
    `consent callbacks: ${consent.requests} mutated callbacks, ${consent.accepted} accepted for the other workspace's tenant; outcomes ${JSON.stringify(consent.byOutcome)}, reasons ${JSON.stringify(consent.byReason)}`,
  );
  for (const v of consent.violations) log(`VIOLATION ${JSON.stringify(v)}`);
  if (consent.violations.length || consent.accepted) exit = 1;
  const stats = await fuzzRoutes(target.t.rt.app!, target.world, { timeBudgetMs: SECONDS * 1000, seed: SEED, log: (l) => log(l) });
  log(`${stats.requests} requests over ${stats.routes} routes in ${(stats.ms / 1000).toFixed(0)} s; statuses ${JSON.stringify(stats.byStatus)}`);
  const secrets = [...target.world.credentials, ...target.world.A.canaries, ...target.world.B.canaries];
  const leakedLines = target.t.logs.filter((l) => secrets.some((s) => l.includes(s))).length;
  const verify = await verifyAuditChains(target.t.rt.db);
  log(
    `log lines with a secret: ${leakedLines}; audit chains: ${verify.ok ? 'verified' : 'TAMPERED'} (${verify.chains} chains, ${verify.events} events); host names the service tried to resolve (refused): ${[...new Set(refusedLookups)].join(', ') || 'none'}`,
  );
  for (const v of stats.violations) log(`VIOLATION ${JSON.stringify(v, null, 2)}`);
  if (stats.violations.length || leakedLines || !verify.ok) exit = 1;
  log(
    `report: ${writeReport('fuzz', { date: new Date().toISOString(), seed: SEED, seconds: SECONDS, db: process.env.DATABASE_URL ? 'postgres' : 'pglite', ...stats, leakedLines, auditOk: verify.ok })}`,
  );
  log(stats.violations.length ? `${stats.violations.length} violations (replay with --seed ${SEED})` : 'no violations');
} finally {
  await target.close();
}
process.exit(exit);
