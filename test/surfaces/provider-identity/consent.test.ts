// Admin consent: the link's exact shape, and the callback for every answer Microsoft (or an
// attacker) can send — a proven grant, refused, AADSTS error, a forged success, and invalid,
// expired or replayed state (403, nothing changes). The cross-workspace attacks on consent are in
// consent-takeover.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiClient, memberToken, type Api } from '../../helpers/api.ts';
import { signState } from '../../../src/core/connections/consent-token.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import {
  ALL_ROLES,
  consentRedirect,
  contractApi,
  DEDICATED_APP,
  DEDICATED_SECRET,
  ENTRA_TENANT,
  fPath,
  getConnection,
  I,
  iPath,
  OTHER_ENTRA_TENANT,
  PLATFORM_APP,
  runDone,
  startProviderEnv,
  type ProviderEnv,
} from '../../helpers/providers.ts';

let env: ProviderEnv;
let api: ReturnType<typeof contractApi>;
let browser: ReturnType<typeof contractApi>;
let n = 0;

async function platformConnection(entraTenantId?: string) {
  n += 1;
  const tenant = entraTenantId ?? `${String(n).padStart(8, '0')}-aaaa-4bbb-8ccc-dddddddddddd`;
  if (!entraTenantId) env.sim.registerTenant({ tenantId: tenant, displayName: `Customer ${n}` });
  const r = await api.identity('POST', I.create, `/admin/tenants/${env.ws.tenantSlug}/provider-connections`, {
    provider: 'microsoft',
    entra_tenant_id: tenant,
    display_name: `Customer ${n}`,
    is_default: false,
  });
  assert.equal(r.status, 201, r.text);
  return { number: r.body.id as number, uuid: r.body.uuid as string, tenant };
}

const link = async (number: number, as: ReturnType<typeof contractApi> = api) => {
  const r = await as.identity('POST', I.consentLink, iPath(number, 'admin-consent-link'));
  assert.equal(r.status, 200, r.text);
  return r.body as { url: string; client_id: string; connection_type: string };
};
const callback = (search: string) => browser.identity('GET', I.callback, `/admin/consent/callback${search}`);

/** Everything a callback could change: the connection, its audit trail, its runs, the consent states. */
async function snapshot(uuid: string) {
  const db = env.t.rt.db;
  return {
    connection: await getConnection(env, uuid),
    audit: (await db.query('SELECT count(*)::int AS n FROM audit_events WHERE target_id = $1', [uuid]))[0].n,
    runs: (await db.query('SELECT count(*)::int AS n FROM operation_runs WHERE target_id = $1', [uuid]))[0].n,
    used: (await db.query('SELECT count(*)::int AS n FROM consent_states WHERE connection_id = $1 AND used_at IS NOT NULL', [uuid]))[0].n,
  };
}
const lastAudit = async (uuid: string) =>
  (
    await env.t.rt.db.query('SELECT action, actor_type, actor_id, outcome, metadata FROM audit_events WHERE target_id = $1 ORDER BY id DESC LIMIT 1', [uuid])
  )[0];

before(async () => {
  env = await startProviderEnv();
  api = contractApi(env.owner);
  browser = contractApi(apiClient(env.t.rt.app!));
});
after(() => env?.close());

describe('the admin-consent link', () => {
  test("is the OpenID Connect code request for the connection's tenant: the effective app, admin consent, PKCE S256, a nonce, the redirect URI and a state", async () => {
    const c = await platformConnection(ENTRA_TENANT);
    const body = await link(c.number);
    assert.equal(body.client_id, PLATFORM_APP);
    assert.equal(body.connection_type, 'platform');
    const url = new URL(body.url);
    assert.equal(url.origin, env.sim.authorityHost);
    assert.equal(url.pathname, `/${ENTRA_TENANT}/oauth2/v2.0/authorize`);
    assert.deepEqual([...url.searchParams.keys()].sort(), [
      'client_id',
      'code_challenge',
      'code_challenge_method',
      'nonce',
      'prompt',
      'redirect_uri',
      'response_mode',
      'response_type',
      'scope',
      'state',
    ]);
    assert.equal(url.searchParams.get('client_id'), PLATFORM_APP);
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('prompt'), 'admin_consent');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.match(url.searchParams.get('code_challenge')!, /^[A-Za-z0-9_-]{43}$/);
    assert.match(url.searchParams.get('nonce')!, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(url.searchParams.get('scope'), 'openid profile https://graph.microsoft.com/.default');
    assert.equal(url.searchParams.get('redirect_uri'), 'http://switchboard.test/admin/consent/callback');
    // the nonce and challenge are derived, not stored: the state's row holds neither
    const stored = JSON.stringify(await env.t.rt.db.query('SELECT * FROM consent_states WHERE connection_id = $1', [c.uuid]));
    assert.ok(!stored.includes(url.searchParams.get('nonce')!) && !stored.includes(url.searchParams.get('code_challenge')!));
    const state = url.searchParams.get('state')!;
    assert.match(state, /^\d+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    // single-use and bound to workspace, connection and the principal who asked; expires in 10 minutes
    const [row] = await env.t.rt.db.query(
      'SELECT workspace_id, connection_id, principal_type, principal_id, used_at, extract(epoch FROM expires_at - created_at)::int AS ttl FROM consent_states WHERE connection_id = $1',
      [c.uuid],
    );
    assert.equal(row.workspace_id, env.ws.workspaceId);
    assert.equal(row.principal_type, 'member');
    assert.equal(row.principal_id, `member:${env.ws.ownerMemberId}`);
    assert.equal(row.used_at, null);
    assert.ok(Math.abs(row.ttl - 600) <= 1, String(row.ttl));
    const audit = await lastAudit(c.uuid);
    assert.equal(audit.action, 'provider_connection.consent_link_created');
  });

  test("a dedicated connection's link names the dedicated app", async () => {
    const tenant = '77777777-aaaa-4bbb-8ccc-dddddddddddd';
    env.sim.registerTenant({ tenantId: tenant });
    const r = await api.identity(
      'POST',
      I.create,
      `/admin/tenants/${env.ws.tenantSlug}/provider-connections`,
      {
        provider: 'microsoft',
        entra_tenant_id: tenant,
        display_name: 'Ded',
        is_default: false,
        connection_type: 'dedicated',
        dedicated_credential: { credential_kind: 'client_secret', client_id: DEDICATED_APP, client_secret: DEDICATED_SECRET },
      },
      { 'x-confirm': 'dedicated' },
    );
    const body = await link(r.body.id);
    assert.equal(body.client_id, DEDICATED_APP);
    assert.equal(body.connection_type, 'dedicated');
    assert.equal(new URL(body.url).searchParams.get('client_id'), DEDICATED_APP);
  });
});

describe('the consent callback', () => {
  test("a code Microsoft issued to the tenant's administrator: consent granted, audited as the requesting principal with the proven tenant, a verification run started and finished healthy", async () => {
    const c = await platformConnection();
    const admin = contractApi(env.owner.as(await memberToken(env.vendor, env.ws.workspaceId, 'admin', 'admin@contoso.test')));
    const search = await consentRedirect((await link(c.number, admin)).url);
    assert.match(search, /[?&]code=/);
    assert.doesNotMatch(search, /admin_consent/);
    const r = await callback(search);
    assert.equal(r.status, 200);
    assert.match(r.text, /Admin consent granted/);
    assert.equal(r.headers['cache-control'], 'no-store');
    const conn = await getConnection(env, c.uuid);
    assert.equal(conn.status, 'needs_consent'); // until verification proves it
    const granted = (
      await env.t.rt.db.query("SELECT actor_id, outcome, metadata FROM audit_events WHERE target_id = $1 AND action = 'provider_connection.consent_granted'", [
        c.uuid,
      ])
    )[0];
    assert.match(granted.actor_id, /^member:/);
    assert.equal(granted.metadata.proven_tenant, c.tenant);
    assert.equal(granted.metadata.admin_role, 'Global Administrator');
    assert.match(granted.metadata.admin_oid, /^[0-9a-f-]{36}$/);
    assert.notEqual(granted.actor_id, `member:${env.ws.ownerMemberId}`); // the admin who asked, not the owner
    const [run] = await env.t.rt.db.query("SELECT id, initiator_id FROM operation_runs WHERE target_id = $1 AND type = 'microsoft.verification'", [c.uuid]);
    assert.equal(run.initiator_id, granted.actor_id);
    const done = await runDone(env.owner, Number(run.id));
    assert.equal(done.outcome, 'succeeded');
    assert.deepEqual(
      done.result.checks.map((ch: { name: string; status: string }) => [ch.name, ch.status]),
      [
        ['token_acquisition', 'pass'],
        ['app_roles', 'pass'],
        ['graph_reachability', 'pass'],
      ],
    );
    const after = await getConnection(env, c.uuid);
    assert.equal(after.status, 'connected');
    assert.equal(after.health_status, 'ok');
    const i = await env.owner.put(iPath(c.number, 'connection-type'), { connection_type: 'platform' }, { 'x-confirm': String(c.number) });
    assert.equal(i.body.consent_status, 'granted');
    assert.equal(i.body.verification_status, 'healthy');
    assert.deepEqual(env.sim.grantedRoles(c.tenant, PLATFORM_APP), ALL_ROLES);
  });

  test('a refusal: consent failed, permission_denied recorded, audited, no run', async () => {
    const c = await platformConnection();
    const remove = env.sim.setFailure({ endpoint: 'consent', tenantId: c.tenant, failure: { kind: 'consent_refused' } });
    const search = await consentRedirect((await link(c.number)).url);
    remove();
    assert.match(search, /error=access_denied/);
    const r = await callback(search);
    assert.equal(r.status, 200);
    assert.match(r.text, /not granted/);
    const conn = await getConnection(env, c.uuid);
    assert.equal(conn.status, 'needs_consent');
    assert.equal(conn.last_error_reason_code, 'permission_denied');
    const audit = await lastAudit(c.uuid);
    assert.equal(audit.action, 'provider_connection.consent_failed');
    assert.equal(audit.outcome, 'failure');
    assert.equal(audit.metadata.aadsts, '65004');
    assert.equal((await snapshot(c.uuid)).runs, 0);
    const i = await env.owner.put(iPath(c.number, 'connection-type'), { connection_type: 'platform' }, { 'x-confirm': String(c.number) });
    assert.equal(i.body.consent_status, 'failed');
  });

  test('an AADSTS error maps to its reason code', async () => {
    const c = await platformConnection();
    const remove = env.sim.setFailure({
      endpoint: 'consent',
      tenantId: c.tenant,
      failure: { kind: 'consent_refused', error: 'invalid_request', description: 'AADSTS90002: Tenant not found. Trace ID: 1234' },
    });
    const r = await callback(await consentRedirect((await link(c.number)).url));
    remove();
    assert.equal(r.status, 200);
    assert.match(r.text, /AADSTS90002/);
    const conn = await getConnection(env, c.uuid);
    assert.equal(conn.last_error_reason_code, 'invalid_state');
    assert.match(conn.last_error_message, /AADSTS90002/);
    const audit = await lastAudit(c.uuid);
    assert.equal(audit.metadata.aadsts, '90002');
    assert.equal(audit.metadata.error, 'invalid_request');
  });

  test('the tenant and admin_consent values of the query are never trusted, for or against', async () => {
    // for: a forged success without a code records nothing but "unproven"
    const forged = await platformConnection();
    const state = new URL((await link(forged.number)).url).searchParams.get('state')!;
    const r1 = await callback(`?admin_consent=True&tenant=${forged.tenant}&state=${encodeURIComponent(state)}`);
    assert.equal(r1.status, 200);
    assert.match(r1.text, /Admin consent not recorded/);
    const f = await getConnection(env, forged.uuid);
    assert.equal(f.status, 'needs_consent');
    assert.equal(f.last_error_reason_code, 'ext.microsoft.consent_unproven');
    assert.equal((await snapshot(forged.uuid)).runs, 0);
    // against: a proven consent with a different tenant= in the query is granted all the same, and the value is not kept
    const c = await platformConnection();
    const search = new URLSearchParams((await consentRedirect((await link(c.number)).url)).slice(1));
    search.set('tenant', OTHER_ENTRA_TENANT);
    const r = await callback(`?${search}`);
    assert.equal(r.status, 200);
    assert.match(r.text, /Admin consent granted/);
    const audit = (
      await env.t.rt.db.query("SELECT metadata FROM audit_events WHERE target_id = $1 AND action = 'provider_connection.consent_granted'", [c.uuid])
    )[0];
    assert.equal(audit.metadata.proven_tenant, c.tenant);
    assert.ok(!JSON.stringify(audit.metadata).includes(OTHER_ENTRA_TENANT));
    await runDone(env.owner, (await env.t.rt.db.query('SELECT max(id)::int AS id FROM operation_runs WHERE target_id = $1', [c.uuid]))[0].id);
  });

  test('invalid, forged, expired or replayed state: 403 and nothing changes', async () => {
    const c = await platformConnection();
    const search = new URLSearchParams((await consentRedirect((await link(c.number)).url)).slice(1));
    const state = search.get('state')!;
    const before = await snapshot(c.uuid);
    const withState = (s: string | null) => {
      const q = new URLSearchParams(search);
      if (s === null) q.delete('state');
      else q.set('state', s);
      return `?${q}`;
    };
    const [v, payload, mac] = state.split('.');
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...decoded, e: decoded.e + 3600 })).toString('base64url');
    for (const bad of [
      null, // no state at all
      'garbage',
      `${v}.${payload}.${mac.slice(0, -2)}AA`, // tampered signature
      `${v}.${forgedPayload}.${mac}`, // tampered payload
      `99.${payload}.${mac}`, // unknown key version
      signState(env.t.rt.keyring, { ...decoded, e: Math.floor(Date.now() / 1000) - 1 }), // properly signed but expired
    ]) {
      const r = await callback(withState(bad));
      assert.equal(r.status, 403, String(bad));
      assert.match(r.headers['content-type'] as string, /text\/html/);
    }
    assert.deepEqual(await snapshot(c.uuid), before);

    // expired in the database although the signature is still within its time
    await env.t.rt.db.query("UPDATE consent_states SET expires_at = now() - interval '1 second' WHERE connection_id = $1", [c.uuid]);
    assert.equal((await callback(withState(state))).status, 403);
    assert.deepEqual(await snapshot(c.uuid), before);

    // replay: the first use succeeds, the second changes nothing
    const fresh = await consentRedirect((await link(c.number)).url);
    assert.equal((await callback(fresh)).status, 200);
    const afterFirst = await snapshot(c.uuid);
    const replay = await callback(fresh);
    assert.equal(replay.status, 403);
    assert.match(replay.text, /already used/);
    await runDone(env.owner, (await env.t.rt.db.query('SELECT max(id)::int AS id FROM operation_runs WHERE target_id = $1', [c.uuid]))[0].id);
    const afterReplay = await snapshot(c.uuid);
    assert.equal(afterReplay.audit, afterFirst.audit);
    assert.equal(afterReplay.runs, afterFirst.runs);
    assert.equal(afterReplay.used, afterFirst.used);
  });

  test('the state is bound to its connection: a state for one connection cannot consent another', async () => {
    const a = await platformConnection();
    const b = await platformConnection();
    const stateA = new URL((await link(a.number)).url).searchParams.get('state')!;
    const [v, payload] = stateA.split('.');
    const p = JSON.parse(Buffer.from(payload, 'base64url').toString());
    // even re-signed with the right key (impossible for an attacker), the nonce belongs to connection a
    const crossed = signState(env.t.rt.keyring, { ...p, c: b.uuid });
    assert.ok(v);
    const before = await snapshot(b.uuid);
    const r = await callback(`?admin_consent=True&tenant=${b.tenant}&state=${encodeURIComponent(crossed)}`);
    assert.equal(r.status, 403);
    assert.deepEqual(await snapshot(b.uuid), before);
  });
});

describe('the return URL', () => {
  let other: ProviderEnv;
  before(async () => {
    other = await startProviderEnv({ env: { SWITCHBOARD_MS_CONSENT_RETURN_URL: 'https://admin.example.test/connections/consent?from=switchboard' } });
  });
  after(() => other?.close());

  test('when configured, the browser is redirected there with the outcome', async () => {
    const created = await other.owner.post(`/admin/tenants/${other.ws.tenantSlug}/provider-connections`, {
      provider: 'microsoft',
      entra_tenant_id: ENTRA_TENANT,
      display_name: 'Contoso',
    });
    const l = await other.owner.post(iPath(created.body.id, 'admin-consent-link'));
    const search = await consentRedirect(l.body.url);
    const anon: Api = apiClient(other.t.rt.app!);
    const r = await anon.get(`/admin/consent/callback${search}`);
    assert.equal(r.status, 302);
    const to = new URL(r.headers.location as string);
    assert.equal(to.origin + to.pathname, 'https://admin.example.test/connections/consent');
    assert.equal(to.searchParams.get('from'), 'switchboard');
    assert.equal(to.searchParams.get('consent'), 'granted');
    assert.equal(to.searchParams.get('connection'), String(created.body.id));
    const runId = Number(to.searchParams.get('operation_run_id'));
    await waitFor(async () => (await other.owner.get(`/api/v1/operation-runs/${runId}`)).body.status === 'completed');
    // an invalid state still answers 403 here, not a redirect
    assert.equal((await anon.get(`/admin/consent/callback${search}`)).status, 403);
    assert.equal((await other.owner.get(fPath(other.ws.tenantId, created.body.uuid))).body.status, 'connected');
  });
});
