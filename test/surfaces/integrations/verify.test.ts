// Live verification through the surface, against the loopback simulators: every provider and
// auth type verified on create (?verify=true) and failing as an `integrations.verify` run once
// its credential is replaced by a rejected one; each failure class through a run; the outcome
// recorded on the integration and in the audit log.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { VERIFY_RUN_TYPE, verifyScopeKey } from '../../../src/core/integrations/verification.ts';
import { startRun } from '../../../src/core/runs/run-service.ts';
import type { Api } from '../../helpers/api.ts';
import { type Case, cases } from '../../providers/integrations/fixtures.ts';
import type { FailureMode } from '../../../src/simulators/integrations/index.ts';
import { type IntegrationsWorld, startWorld } from './helpers.ts';
import { waitFor } from '../../helpers/wait-for.ts';

let w: IntegrationsWorld;
let owner: Api;

before(async () => {
  w = await startWorld({ env: { SWITCHBOARD_OUTBOUND_TIMEOUT_MS: '2500' } });
  owner = w.owner;
});
after(() => w.close());

async function runVerify(id: string) {
  const started = await owner.post(`/sfp/api/integrations/${id}/verify`, {});
  assert.equal(started.status, 202, started.text);
  assert.equal(started.body.run.type, 'integrations.verify');
  return waitFor(async () => {
    const r = await owner.get(`/api/v1/operation-runs/${started.body.run.id}`);
    return r.body.status === 'completed' ? r.body : null;
  });
}

async function integration(id: string) {
  const list = await owner.get('/sfp/api/integrations');
  return list.body.find((i: { id: string }) => i.id === id);
}

describe('every provider: verified on create, failing run with a rejected credential', () => {
  let all: Case[];
  before(() => {
    all = cases(w.sim);
  });

  test('all sixteen providers', async () => {
    const providers = new Set<string>();
    for (const c of all) {
      w.sim.reset();
      c.accept(w.sim);
      const created = await owner.post('/sfp/api/integrations?verify=true', {
        provider: c.provider,
        authType: c.authType,
        credentials: c.credentials,
        config: c.config,
        isGlobal: true,
      });
      assert.equal(created.status, 201, `${c.name}: ${created.text}`);
      assert.equal(created.body.verification.status, 'verified', `${c.name}: ${created.body.verification.message}`);
      assert.equal(created.body.verification.reasonCode, 'ok');
      assert.ok(created.body.verification.checkedAt);
      assert.deepEqual([...new Set(w.sim.requests.map((r) => r.target))], c.targets, `${c.name}: called exactly its servers`);

      const patched = await owner.patch(`/sfp/api/integrations/${created.body.id}`, { credentials: c.wrong });
      assert.equal(patched.status, 200, `${c.name}: ${patched.text}`);
      assert.equal(patched.body.verification.status, 'unverified');
      const run = await runVerify(created.body.id);
      assert.equal(run.outcome, 'failed', c.name);
      assert.equal(run.reason_code, 'authentication_failed', `${c.name}: ${run.failure_summary}`);
      assert.equal(run.target.id, created.body.id);
      assert.ok(run.next_steps.length > 0);
      const after = await integration(created.body.id);
      assert.equal(after.verification.status, 'failed');
      assert.equal(after.verification.reasonCode, 'authentication_failed');
      providers.add(c.provider);
    }
    assert.equal(providers.size, 16);
    const audits = await w.t.rt.db.query(`SELECT outcome, metadata FROM audit_events WHERE action = 'integration.verified'`);
    assert.equal(audits.length, all.length * 2);
    assert.equal(audits.filter((a) => a.outcome === 'success').length, all.length);
  });
});

describe('failure classes through a run', () => {
  const expected: Record<string, string> = {
    unauthorized: 'authentication_failed',
    forbidden: 'permission_denied',
    throttled: 'throttled',
    server_error: 'dependency_unreachable',
    hang: 'dependency_unreachable',
    redirect: 'ext.github.redirect_refused',
  };
  for (const mode of Object.keys(expected) as FailureMode[]) {
    test(`GitHub ${mode} → ${expected[mode]}`, async () => {
      w.sim.reset();
      w.sim.setValid('github', { token: 'ghp_failure_classes' });
      const created = await owner.post('/sfp/api/integrations', {
        provider: 'github',
        authType: 'pat',
        credentials: { token: 'ghp_failure_classes' },
        isGlobal: true,
      });
      w.sim.setFailure('github', mode);
      const run = await runVerify(created.body.id);
      assert.equal(run.reason_code, expected[mode], run.failure_summary);
      assert.equal(run.outcome, 'failed');
      if (mode === 'throttled') assert.equal(run.result.details.retryAfterSeconds, 17);
      assert.equal(w.sim.requestsTo('trap').length, 0, 'the redirect was not followed');
    });
  }

  test('Jira site throttled, Azure DevOps sign-in page, Entra down', async () => {
    w.sim.reset();
    const byName = (n: string) => cases(w.sim).find((c) => c.name === n)!;
    for (const [name, target, mode, code] of [
      ['jira basic_auth', 'jira', 'throttled', 'throttled'],
      ['azure-devops pat', 'azure-devops', 'non_authoritative', 'authentication_failed'],
      ['azure-devops service principal', 'entra', 'server_error', 'dependency_unreachable'],
      ['jira oauth client credentials', 'atlassian_api', 'forbidden', 'permission_denied'],
    ] as const) {
      const c = byName(name);
      w.sim.reset();
      c.accept(w.sim);
      const created = await owner.post('/sfp/api/integrations', {
        provider: c.provider,
        authType: c.authType,
        credentials: c.credentials,
        config: c.config,
        isGlobal: true,
      });
      w.sim.setFailure(target, mode);
      const run = await runVerify(created.body.id);
      assert.equal(run.reason_code, code, `${name}: ${run.failure_summary}`);
    }
  });
});

describe('verification runs', () => {
  test('viewers may not start one; unknown ids are 404', async () => {
    assert.equal((await owner.post('/sfp/api/integrations/00000000-0000-4000-8000-000000000000/verify', {})).status, 404);
    assert.equal((await owner.post('/sfp/api/integrations/nope/verify', {})).status, 404);
    const viewer = owner.as(await w.token('viewer'));
    const created = await owner.post('/sfp/api/integrations', { provider: 'npm', authType: 'pat', credentials: { token: 'npm_verify' }, isGlobal: true });
    assert.equal((await viewer.post(`/sfp/api/integrations/${created.body.id}/verify`, {})).status, 403);
  });

  test('a run whose integration no longer exists fails with invalid_state', async () => {
    const gone = randomUUID();
    const { run } = await w.t.rt.db.workspaceTx(w.ws.workspaceId, (q) =>
      startRun(q, w.t.rt.engine, {
        workspaceId: w.ws.workspaceId,
        tenantId: null,
        type: VERIFY_RUN_TYPE,
        scopeKey: verifyScopeKey(gone),
        target: { type: 'integration', id: gone },
        initiator: { type: 'system', id: 'test' },
      }),
    );
    const done = await waitFor(async () => {
      const r = await owner.get(`/api/v1/operation-runs/${run.id}`);
      return r.body.status === 'completed' ? r.body : null;
    });
    assert.equal(done.outcome, 'failed');
    assert.equal(done.reason_code, 'invalid_state');
  });
});
