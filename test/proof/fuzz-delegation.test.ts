// Delegation fuzzing (proof/lib/fuzz-tokens.ts): a bounded run of fast-check-drawn token-minting
// requests from makers of every kind. Not one accepted token may be wider, longer-lived or
// longer-living than its maker, and revoking a maker must end everything it minted.
// `npm run proof:fuzz` runs it longer with fresh seeds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fuzzTokenMinting, type TokenFuzzStats } from '../../proof/lib/fuzz-tokens.ts';
import { startFuzzTarget, type FuzzTarget } from '../../proof/lib/fuzz-runtime.ts';

const RUNS = Number(process.env.FUZZ_DELEGATION_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
let target: FuzzTarget;
let tokens: TokenFuzzStats;

before(async () => {
  target = await startFuzzTarget();
  tokens = await fuzzTokenMinting(target.t.rt.app!, target.world, { runs: RUNS, seed: SEED });
});
after(() => target?.close());

describe('token minting under fuzzed requests', () => {
  test('the run explored both sides: many refusals and some accepted tokens, lineage included', () => {
    assert.equal(tokens.requests, RUNS);
    assert.ok(tokens.accepted > 10, `only ${tokens.accepted} of ${tokens.requests} requests were accepted: ${JSON.stringify(tokens.byStatus)}`);
    assert.ok(tokens.requests - tokens.accepted > 50, `too few refusals: ${JSON.stringify(tokens.byStatus)}`);
    assert.ok(tokens.revokedDescendants > 0, 'no minted token descended from a revoked maker');
  });

  test('no accepted token is wider, longer-lived or longer-living than its maker; no 5xx', () => {
    assert.deepEqual(tokens.violations, [], `seed ${SEED}: ${JSON.stringify(tokens.violations.slice(0, 3), null, 2)}`);
  });

  test('revoking a maker ends every token it minted, transitively', () => {
    assert.equal(tokens.survivors, 0, `${tokens.survivors} of ${tokens.revokedDescendants} descendants still authenticate`);
  });
});
