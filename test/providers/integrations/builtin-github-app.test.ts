// The built-in GitHub App's warm-up window on a clock the test moves: `initializing` only while
// the start's GET /app is outstanding and less than 60 s have passed since the start; from then
// on a check waits for GitHub's answer. Against the simulated GitHub, no sleeps.
import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { after, beforeEach, describe, test } from 'node:test';
import { createBuiltinGithubApp, WARM_UP_WINDOW_MS } from '../../../src/providers/integrations/github/builtin-app.ts';
import { createOutboundClient } from '../../../src/providers/outbound/outbound-client.ts';
import { startIntegrationSimulators } from '../../../src/simulators/integrations/index.ts';
import { APP_PRIVATE_KEY, APP_PUBLIC_KEY } from './fixtures.ts';

const sim = await startIntegrationSimulators({ githubRepositories: ['acme/widgets'] });
const fetch = createOutboundClient({ allowPrivateNetworks: true });
const START = Date.now();
let clock = START;

/** A built-in App on the test's clock, and a promise of the first GET /app answer. */
function newApp() {
  let answered!: (reasonCode: string) => void;
  const firstAnswer = new Promise<string>((resolve) => {
    answered = resolve;
  });
  const app = createBuiltinGithubApp({
    appId: '4242',
    key: createPrivateKey(APP_PRIVATE_KEY),
    fetch,
    baseUrls: sim.baseUrls,
    timeoutMs: 5000,
    now: () => clock,
    onVerified: (outcome) => answered(outcome.reasonCode),
  });
  return Object.assign(app, { firstAnswer });
}

after(async () => {
  await fetch.close();
  await sim.close();
});

beforeEach(() => {
  sim.reset();
  sim.setValid('github', { appId: '4242', publicKey: APP_PUBLIC_KEY, installationId: 77 });
  clock = START;
});

/** Whether `promise` settled before the event loop turned a few times. */
async function settledSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => {
    settled = true;
  });
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  return settled;
}

describe('the warm-up window', () => {
  test('initializing until 60 s after the start; then a check waits for the warm-up and resolves with it', async () => {
    assert.equal(WARM_UP_WINDOW_MS, 60_000);
    sim.hold('github');
    const app = newApp();
    app.warm();
    clock = START + WARM_UP_WINDOW_MS - 1;
    const early = await app.checkRepo('acme', 'widgets');
    assert.equal(early.initializing, true);
    assert.match(early.initializing ? early.message : '', /started 59 s ago/);

    clock = START + WARM_UP_WINDOW_MS;
    const late = app.checkRepo('acme', 'widgets');
    assert.equal(await settledSoon(late), false, 'past the window a check waits for GitHub instead of answering initializing');
    sim.release('github');
    const answered = await late;
    assert.equal(answered.initializing, false);
    assert.equal(answered.initializing ? '' : answered.result.reasonCode, 'ok');
    assert.deepEqual(
      sim.requestsTo('github').map((r) => `${r.method} ${r.url}`),
      ['GET /app', 'GET /repos/acme/widgets/installation', 'POST /app/installations/77/access_tokens', 'GET /repos/acme/widgets'],
      'one GET /app, shared by the warm-up and the waiting check',
    );
    app.close();
  });

  test('once GitHub answered, never initializing again, even inside the window', async () => {
    const app = newApp();
    app.warm();
    assert.equal(await app.firstAnswer, 'ok');
    const first = await app.checkRepo('acme', 'widgets');
    const second = await app.checkRepo('acme', 'widgets');
    assert.equal(first.initializing || second.initializing, false);
    app.close();
  });

  test('a warm-up GitHub refused is not a warm-up in progress: inside the window the next check asks again', async () => {
    sim.setFailure('github', 'unauthorized');
    const app = newApp();
    app.warm();
    assert.equal(await app.firstAnswer, 'authentication_failed');
    sim.setFailure('github', null);
    clock = START + 1000;
    const next = await app.checkRepo('acme', 'widgets');
    assert.equal(next.initializing, false);
    assert.equal(next.initializing ? '' : next.result.reasonCode, 'ok');
    assert.equal(sim.requestsTo('github').filter((r) => r.url === '/app').length, 2);
    app.close();
  });

  test('without warm(), no check is ever initializing', async () => {
    sim.hold('github');
    const app = newApp();
    const pending = app.checkRepo('acme', 'widgets');
    assert.equal(await settledSoon(pending), false);
    sim.release('github');
    assert.equal((await pending).initializing, false);
    app.close();
  });
});
