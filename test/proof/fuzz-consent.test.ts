// Consent fuzzing (proof/lib/fuzz-consent.ts): a bounded run of fast-check-drawn consent
// callbacks — forged successes, borrowed and foreign codes, spent and foreign states, injected
// text, tampered ID tokens — against a workspace that named another workspace's customer's Entra
// tenant. Not one may connect it, take the rightful workspace's consent away, start a run that
// is not blocked, or echo the query. `npm run proof:fuzz` runs it longer with fresh seeds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fuzzConsentCallbacks, type ConsentFuzzStats } from '../../proof/lib/fuzz-consent.ts';
import { startFuzzTarget, type FuzzTarget } from '../../proof/lib/fuzz-runtime.ts';

const RUNS = Number(process.env.FUZZ_CONSENT_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
let target: FuzzTarget;
let stats: ConsentFuzzStats;

before(async () => {
  target = await startFuzzTarget();
  stats = await fuzzConsentCallbacks(target.t.rt.app!, target.t.rt.db, target.sim, target.world, { runs: RUNS, seed: SEED });
});
after(() => target?.close());

describe('consent callbacks under fuzzed mutations', () => {
  test('the run explored every outcome (invalid state, unproven, refused, the rightful grant) and every reason a proof fails', () => {
    assert.equal(stats.requests, RUNS); // the seven fixed examples count among the runs
    for (const t of ['Consent link not valid', 'Admin consent not recorded', 'Admin consent not granted', 'Admin consent granted']) {
      assert.ok(stats.byOutcome[t] > 0, `no "${t}" outcome in ${JSON.stringify(stats.byOutcome)}`);
    }
    for (const r of ['ext.microsoft.consent_unproven', 'ext.microsoft.tenant_bound_elsewhere', 'ext.microsoft.tenant_mismatch', 'ext.microsoft.not_admin']) {
      assert.ok(stats.byReason[r] > 0, `no ${r} in ${JSON.stringify(stats.byReason)}`);
    }
  });

  test("0 accepted: B's connection is never granted, A keeps its consent, no unblocked run, no 5xx, no echoed text", () => {
    assert.equal(stats.accepted, 0);
    assert.deepEqual(stats.violations, [], `seed ${SEED}: ${JSON.stringify(stats.violations.slice(0, 3), null, 2)}`);
  });
});
