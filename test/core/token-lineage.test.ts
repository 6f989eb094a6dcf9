// A token is never wider, longer-lived or longer-living than the principal that made it. Attacked
// as a narrowed, expiring application token holding tokens.manage would: it tries to mint
// unnarrowed, unexpiring, wider and other-workspace tokens, and to keep its children alive after
// it is revoked. The database holds the same rules when code is bypassed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiClient, memberToken, setupWorkspace, type Api } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { testRunsModule } from '../helpers/test-runs-module.ts';
import { generateToken } from '../../src/core/identity/api-token.ts';

let t: TestRuntime;
let vendor: Api;

before(async () => {
  t = await startTestRuntime({ work: false, extraModules: (core) => [testRunsModule(core)] });
  vendor = apiClient(t.rt.app!, t.vendorToken);
});
after(() => t.close());

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();
const PARENT_CAPS = ['tokens.manage', 'providers.view', 'integrations.view', 'runs.view'];

/** A narrowed, expiring application token with tokens.manage, made by the workspace owner. */
async function narrowedParent(name: string) {
  const ws = await setupWorkspace(vendor, name);
  const owner = vendor.as(ws.ownerToken);
  const expires = inAnHour();
  const res = await owner.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, {
    name: 'narrow',
    capabilities: PARENT_CAPS,
    providers: ['github'],
    projects: ['org/a'],
    expires_at: expires,
  });
  assert.equal(res.status, 201, res.text);
  return { ws, owner, parent: { id: res.body.id as string, api: vendor.as(res.body.token), expires } };
}

describe('minting is bounded by the maker', () => {
  test('an unnarrowed, unexpiring request from a narrowed, expiring token inherits its narrowing and expiry', async () => {
    const { ws, parent } = await narrowedParent('Inherit');
    const child = await parent.api.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'child', capabilities: ['providers.view'] });
    assert.equal(child.status, 201, child.text);
    assert.deepEqual(child.body.providers, ['github']);
    assert.deepEqual(child.body.projects, ['org/a']);
    assert.equal(child.body.expires_at, parent.expires);
    const [row] = await t.rt.db.query('SELECT providers, projects, expires_at, parent_token_id, created_by_member_id FROM api_tokens WHERE id = $1', [
      child.body.id,
    ]);
    assert.deepEqual(row.providers, ['github']);
    assert.equal(new Date(row.expires_at).toISOString(), parent.expires);
    assert.equal(row.parent_token_id, parent.id, 'the database records the maker token');
    assert.equal(row.created_by_member_id, ws.ownerMemberId, 'and the member behind it, derived from the parent');
    const audit = await vendor.get(`/api/v1/workspaces/${ws.workspaceId}/audit-events?action=token.created&target=api_token:${child.body.id}`);
    assert.deepEqual(audit.body.items[0].metadata.inheritedFromMaker, ['providers', 'projects', 'expires_at']);
  });

  test('wider narrowing, a later expiry, wider capabilities, member tokens and other workspaces are refused', async () => {
    const { ws, parent } = await narrowedParent('Wider');
    const other = await setupWorkspace(vendor, 'WiderOther');
    const url = `/api/v1/workspaces/${ws.workspaceId}/tokens`;
    const wideProviders = await parent.api.post(url, { name: 'x', capabilities: ['providers.view'], providers: ['github', 'jira'] });
    assert.equal(wideProviders.status, 403, wideProviders.text);
    assert.equal(wideProviders.body.error, 'token.narrowing_exceeded');
    assert.deepEqual(wideProviders.body.providers, ['jira']);
    const wideProjects = await parent.api.post(url, { name: 'x', capabilities: ['providers.view'], projects: ['org/b'] });
    assert.equal(wideProjects.status, 403);
    assert.equal(wideProjects.body.error, 'token.narrowing_exceeded');
    const later = await parent.api.post(url, { name: 'x', capabilities: ['providers.view'], expires_at: new Date(Date.now() + 7200_000).toISOString() });
    assert.equal(later.status, 400);
    assert.equal(later.body.error, 'token.expiry_exceeded');
    const wider = await parent.api.post(url, { name: 'x', capabilities: ['integrations.credentials.read'] });
    assert.equal(wider.status, 403);
    assert.equal(wider.body.error, 'access.forbidden');
    // A member token would act as a person with a role the application token does not hold.
    const viewer = await vendor.post(`/api/v1/workspaces/${ws.workspaceId}/members`, { email: 'v@wider.test', role: 'viewer' });
    const asMember = await parent.api.post(url, { name: 'x', member_id: viewer.body.id });
    assert.equal(asMember.status, 403);
    assert.equal(asMember.body.error, 'token.for_other_member');
    const foreign = await parent.api.post(`/api/v1/workspaces/${other.workspaceId}/tokens`, { name: 'x', capabilities: ['providers.view'] });
    assert.equal(foreign.status, 404);
    const rows = await t.rt.db.query('SELECT count(*)::int AS n FROM api_tokens WHERE parent_token_id = $1', [parent.id]);
    assert.equal(rows[0].n, 0, 'nothing was minted');
  });

  test('a token minted by a member follows that member: demoted, its tokens shrink at once', async () => {
    const ws = await setupWorkspace(vendor, 'Demote');
    const owner = vendor.as(ws.ownerToken);
    const admin = await owner.post(`/api/v1/workspaces/${ws.workspaceId}/members`, { email: 'adm@demote.test', role: 'admin' });
    const adminTok = await vendor.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'adm', member_id: admin.body.id });
    const app = await vendor.as(adminTok.body.token).post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'ci', capabilities: ['tenants.manage'] });
    assert.equal(app.status, 201, app.text);
    assert.equal((await vendor.as(app.body.token).post(`/api/v1/workspaces/${ws.workspaceId}/tenants`, { name: 'Before' })).status, 201);
    const demoted = await owner.patch(`/api/v1/members/${admin.body.id}`, { role: 'viewer' });
    assert.equal(demoted.status, 200, demoted.text);
    assert.equal(demoted.body.role, 'viewer');
    const afterDemotion = await vendor.as(app.body.token).post(`/api/v1/workspaces/${ws.workspaceId}/tenants`, { name: 'After' });
    assert.equal(afterDemotion.status, 403, 'the token holds no more than its maker holds now');
  });
});

describe('revocation reaches every token minted from a token', () => {
  test('revoking a parent revokes its child and grandchild in the same transaction, audited with the count', async () => {
    const { ws, owner, parent } = await narrowedParent('Cascade');
    const child = await parent.api.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'child', capabilities: ['tokens.manage', 'providers.view'] });
    const grandchild = await vendor.as(child.body.token).post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'gc', capabilities: ['providers.view'] });
    assert.equal(grandchild.status, 201, grandchild.text);
    // Neither holds tenants.view: 403 while alive (authenticated), 401 once revoked.
    const probe = (tok: string) => vendor.as(tok).get(`/api/v1/workspaces/${ws.workspaceId}/tenants`);
    assert.equal((await probe(grandchild.body.token)).status, 403);
    assert.equal((await owner.delete(`/api/v1/tokens/${parent.id}`)).status, 204);
    for (const tok of [child.body.token, grandchild.body.token]) {
      const res = await probe(tok);
      assert.equal(res.status, 401, 'a child is refused on its next request once its parent is revoked');
      assert.equal(res.body.error, 'auth.invalid_token');
    }
    const audit = await owner.get(`/api/v1/workspaces/${ws.workspaceId}/audit-events?action=token.revoked&target=api_token:${parent.id}`);
    assert.equal(audit.body.items.length, 1);
    assert.equal(audit.body.items[0].metadata.descendantsRevoked, 2);
  });

  test('revoking a token already revoked is 404 token.not_found and writes no second audit row', async () => {
    const ws = await setupWorkspace(vendor, 'Twice');
    const owner = vendor.as(ws.ownerToken);
    const tok = await owner.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'once', capabilities: ['tenants.view'] });
    assert.equal((await owner.delete(`/api/v1/tokens/${tok.body.id}`)).status, 204);
    const again = await owner.delete(`/api/v1/tokens/${tok.body.id}`);
    assert.equal(again.status, 404);
    assert.equal(again.body.error, 'token.not_found');
    const audit = await owner.get(`/api/v1/workspaces/${ws.workspaceId}/audit-events?action=token.revoked&target=api_token:${tok.body.id}`);
    assert.equal(audit.body.items.length, 1);
  });

  test('the database refuses a child that outlives, out-reaches or descends from a revoked parent, and un-revoking', async () => {
    const { ws, owner, parent } = await narrowedParent('DbRules');
    const insert = (over: Record<string, unknown>) =>
      t.rt.db.workspaceTx(ws.workspaceId, (q) => {
        const g = generateToken();
        const v = { capabilities: ['providers.view'], providers: ['github'], projects: ['org/a'], expires_at: new Date(Date.now() + 60_000), ...over };
        return q.query(
          `INSERT INTO api_tokens (workspace_id, kind, name, token_hash, display_prefix, capabilities, providers, projects, expires_at, parent_token_id)
           VALUES ($1, 'application', 'raw', $2, $3, $4, $5, $6, $7, $8)`,
          [ws.workspaceId, g.hash, g.displayPrefix, v.capabilities, v.providers, v.projects, v.expires_at, parent.id],
        );
      });
    await insert({}); // within every bound: accepted
    await assert.rejects(insert({ expires_at: null }), /outlive/);
    await assert.rejects(insert({ providers: null }), /providers/);
    await assert.rejects(insert({ projects: ['org/a', 'org/b'] }), /projects/);
    await assert.rejects(insert({ capabilities: ['integrations.credentials.read'] }), /capabilities/);
    await assert.rejects(
      t.rt.db.workspaceTx(ws.workspaceId, (q) => q.query(`UPDATE api_tokens SET expires_at = NULL WHERE id = $1`, [parent.id])),
      /cannot be changed/,
    );
    assert.equal((await owner.delete(`/api/v1/tokens/${parent.id}`)).status, 204);
    await assert.rejects(insert({}), /revoked or expired/);
    await assert.rejects(
      t.rt.db.workspaceTx(ws.workspaceId, (q) => q.query(`UPDATE api_tokens SET revoked_at = NULL WHERE id = $1`, [parent.id])),
      /stays revoked/,
    );
    const other = await setupWorkspace(vendor, 'DbRulesOther');
    await assert.rejects(
      t.rt.db.tx((q) => {
        const g = generateToken();
        return q.query(
          `INSERT INTO api_tokens (workspace_id, kind, name, token_hash, display_prefix, capabilities, parent_token_id) VALUES ($1, 'application', 'x', $2, $3, '{}', $4)`,
          [other.workspaceId, g.hash, g.displayPrefix, parent.id],
        );
      }),
      /foreign key|not of this workspace/,
    );
  });
});

describe('GET /api/v1/workspaces/{id}/tokens', () => {
  test('lists tokens with maker and narrowing, never a secret or hash; another workspace is 404', async () => {
    const { ws, owner, parent } = await narrowedParent('List');
    const child = await parent.api.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'child', capabilities: ['providers.view'] });
    const list = await owner.get(`/api/v1/workspaces/${ws.workspaceId}/tokens`);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.headers['cache-control'], 'no-store');
    assert.ok(!list.text.includes(child.body.token) && !list.text.includes('token_hash'));
    const item = list.body.items.find((x: { id: string }) => x.id === child.body.id);
    assert.deepEqual(Object.keys(item).sort(), [
      'capabilities',
      'created_at',
      'expires_at',
      'id',
      'kind',
      'last_used_at',
      'maker',
      'member_id',
      'name',
      'prefix',
      'projects',
      'providers',
      'revoked_at',
      'status',
    ]);
    assert.equal(item.prefix, child.body.token.slice(0, 10));
    assert.deepEqual(item.maker, { token_id: parent.id, member_id: ws.ownerMemberId, actor: `token:${parent.id}` });
    assert.deepEqual(item.providers, ['github']);
    assert.equal(item.status, 'active');
    const ownerTok = list.body.items.find((x: { kind: string }) => x.kind === 'member');
    assert.ok(ownerTok.capabilities.includes('integrations.credentials.read'), "a member token shows its role's capabilities");
    const other = await setupWorkspace(vendor, 'ListOther');
    const foreign = await owner.get(`/api/v1/workspaces/${other.workspaceId}/tokens`);
    const missing = await owner.get(`/api/v1/workspaces/00000000-0000-4000-8000-000000000000/tokens`);
    assert.equal(foreign.status, 404);
    assert.deepEqual([foreign.body.error, foreign.body.message], [missing.body.error, missing.body.message]);
    const viewer = vendor.as(await memberToken(vendor, ws.workspaceId, 'viewer'));
    assert.equal((await viewer.get(`/api/v1/workspaces/${ws.workspaceId}/tokens`)).status, 403);
  });
});

describe('the run event stream', () => {
  async function openStream(ws: Awaited<ReturnType<typeof setupWorkspace>>, token: string, scope: string) {
    if (!t.rt.app!.server.listening) await t.rt.app!.listen({ host: '127.0.0.1', port: 0 });
    const port = (t.rt.app!.server.address() as { port: number }).port;
    // work: false, so the run stays queued and only the credential can end the stream.
    const run = await vendor.as(ws.ownerToken).post(`/test/workspaces/${ws.workspaceId}/runs`, { type: 'test.sleep', scope, inputs: { ms: 10 } });
    assert.equal(run.status, 201, run.text);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/operation-runs/${run.body.run.id}/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(res.status, 200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
      return text;
    };
    return { readUntil };
  }

  test('ends with a final event naming why when the token that opened it is revoked', async () => {
    const ws = await setupWorkspace(vendor, 'SseRevoke');
    const owner = vendor.as(ws.ownerToken);
    const app = await owner.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, { name: 'watch', capabilities: ['runs.view'] });
    const stream = await openStream(ws, app.body.token, 'sse-revoke');
    await stream.readUntil('event: run');
    assert.equal((await owner.delete(`/api/v1/tokens/${app.body.id}`)).status, 204);
    const text = await stream.readUntil('event: end');
    assert.match(text, /event: end\ndata: \{"reason":"token_revoked"\}/);
  });

  test('ends when the token that opened it expires', async () => {
    const ws = await setupWorkspace(vendor, 'SseExpire');
    const owner = vendor.as(ws.ownerToken);
    const app = await owner.post(`/api/v1/workspaces/${ws.workspaceId}/tokens`, {
      name: 'watch',
      capabilities: ['runs.view'],
      expires_at: new Date(Date.now() + 2000).toISOString(),
    });
    const stream = await openStream(ws, app.body.token, 'sse-expire');
    const text = await stream.readUntil('event: end');
    assert.match(text, /event: end\ndata: \{"reason":"token_expired"\}/);
  });
});
