// The cross-tenant takeover through admin consent, attacked as a hostile workspace would (issue
// 12): workspace A's customer consented the operator's multi-tenant app in Entra tenant T; a
// workspace B names T for a platform connection and tries every way of getting its connection
// "connected" without an administrator of T proving consent to B — a forged callback, a code from
// B's own tenant, a code from a non-administrator, a replayed or re-bound code, a tampered ID
// token — and the database's binding of T to A. After each, B's connection is not connected and
// no run of B reads T.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiClient, setupWorkspace, type Api } from '../../helpers/api.ts';
import { SIM_ADMIN_ROLES, SIM_DIRECTORY_READERS, SIM_USER_ROLE } from '../../../src/simulators/entra-graph/index.ts';
import {
  ALL_ROLES,
  consentRedirect,
  DEDICATED_SECRET,
  getConnection,
  iPath,
  PLATFORM_APP,
  runDone,
  startProviderEnv,
  type ProviderEnv,
} from '../../helpers/providers.ts';

let env: ProviderEnv;
let evil: Awaited<ReturnType<typeof setupWorkspace>>;
let b: Api;
let anon: Api;
let n = 0;

const newTenant = (name: string) => {
  n += 1;
  const id = `${String(n).padStart(8, '0')}-7a7a-4b7b-8c7c-${String(n).padStart(12, '0')}`;
  env.sim.registerTenant({ tenantId: id, displayName: name });
  return id;
};

async function createPlatform(api: Api, slug: string, entraTenantId: string) {
  return api.post(`/admin/tenants/${slug}/provider-connections`, {
    provider: 'microsoft',
    entra_tenant_id: entraTenantId,
    display_name: `Conn ${entraTenantId.slice(0, 8)}`,
    is_default: false,
  });
}
const linkOf = async (api: Api, number: number) => {
  const r = await api.post(iPath(number, 'admin-consent-link'));
  assert.equal(r.status, 200, r.text);
  return new URL(r.body.url as string);
};
const callback = (search: string) => anon.get(`/admin/consent/callback${search}`);
/** The admin's browser: the link (possibly edited by an attacker) → Microsoft → back with a code. */
const redirectParams = async (url: URL) => new URLSearchParams((await consentRedirect(url.toString())).slice(1));

async function lastConsentAudit(uuid: string) {
  const [row] = await env.t.rt.db.query<{ action: string; metadata: Record<string, unknown> }>(
    "SELECT action, metadata FROM audit_events WHERE target_id = $1 AND action LIKE 'provider_connection.consent_%' ORDER BY id DESC LIMIT 1",
    [uuid],
  );
  return row;
}
const runsOf = async (uuid: string) =>
  (await env.t.rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM operation_runs WHERE target_id = $1', [uuid]))[0].n;
/** Graph reads of tenant T (by the token's tid) since the last reset. */
const graphReads = (tenant: string) =>
  ['organization', 'users', 'groups', 'managedDevices', 'complianceSummary'].reduce((s, e) => s + env.sim.count(e as 'users', { tenantId: tenant }), 0);

/** B's connection as B sees it on the foundation surface. */
const bView = async (uuid: string) => {
  const r = await b.get(`/tenants/${evil.tenantId}/provider-connections/${uuid}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
};

async function assertNotConnected(uuid: string, reason: string) {
  const c = await bView(uuid);
  assert.equal(c.status, 'needs_consent');
  assert.equal(c.last_error_reason_code, reason);
  assert.equal(await runsOf(uuid), 0, 'no run may start for an unproven consent');
  const [row] = await env.t.rt.db.query<{ consent_status: string; consented_tenant_id: string | null }>(
    'SELECT consent_status, consented_tenant_id FROM provider_connections WHERE id = $1',
    [uuid],
  );
  assert.notEqual(row.consent_status, 'granted');
  assert.equal(row.consented_tenant_id, null);
}

before(async () => {
  env = await startProviderEnv({ work: true });
  evil = await setupWorkspace(env.vendor, 'Evil');
  b = env.vendor.as(evil.ownerToken);
  anon = apiClient(env.t.rt.app!);
});
after(() => env?.close());

describe('admin consent across workspaces', () => {
  test("the attack end to end: A consents T; B's connection to T, created before, is refused by every forged or borrowed callback and never reads T", async () => {
    const T = newTenant('Victim customer');
    const ownTenant = newTenant("Attacker's own tenant");
    // B names T first (nothing binds T yet), then A's customer consents.
    const bConn = await createPlatform(b, evil.tenantSlug, T);
    assert.equal(bConn.status, 201, bConn.text);
    const aConn = await createPlatform(env.owner, env.ws.tenantSlug, T);
    const aLink = await linkOf(env.owner, aConn.body.id);
    const aBack = await callback(`?${await redirectParams(aLink)}`);
    assert.match(aBack.text, /Admin consent granted/);
    await runDone(
      env.owner,
      (await env.t.rt.db.query<{ id: number }>('SELECT max(id)::int AS id FROM operation_runs WHERE target_id = $1', [aConn.body.uuid]))[0].id,
    );
    assert.equal((await getConnection(env, aConn.body.uuid)).status, 'connected');
    env.sim.resetCounts();

    const bUuid = bConn.body.uuid as string;
    const bState = async () => (await linkOf(b, bConn.body.id)).searchParams.get('state')!;

    // 1. Today's attack: B redeems its own state with admin_consent=True and tenant=T.
    let r = await callback(`?admin_consent=True&tenant=${T}&state=${encodeURIComponent(await bState())}`);
    assert.equal(r.status, 200);
    assert.match(r.text, /not recorded/);
    await assertNotConnected(bUuid, 'ext.microsoft.consent_unproven');

    // 2. B's own admin consents in B's own tenant with B's link pointed there: the code is for
    //    another tenant and is redeemed at T's token endpoint only (Microsoft refuses it).
    const url = await linkOf(b, bConn.body.id);
    url.pathname = url.pathname.replace(T, ownTenant);
    r = await callback(`?${await redirectParams(url)}`);
    assert.match(r.text, /not recorded/);
    await assertNotConnected(bUuid, 'ext.microsoft.consent_unproven');
    assert.equal(env.sim.count('token', { tenantId: ownTenant }), 0, 'the code is never redeemed where the attacker sends it');

    // 3. Even if Microsoft redeemed it (a token whose tid and issuer are B's tenant, correctly
    //    signed), the proven tenant is not the connection's: refused.
    env.sim.tamperIdTokens({ claims: (c) => ({ ...c, tid: ownTenant, iss: String(c.iss).replace(T, ownTenant) }) });
    r = await callback(`?${await redirectParams(await linkOf(b, bConn.body.id))}`);
    env.sim.tamperIdTokens(undefined);
    assert.match(r.text, /different Entra tenant/);
    await assertNotConnected(bUuid, 'ext.microsoft.tenant_mismatch');

    // 4. T's real administrator is lured into B's link: Microsoft proves T, but T is bound to A.
    r = await callback(`?${await redirectParams(await linkOf(b, bConn.body.id))}`);
    assert.match(r.text, /another Switchboard workspace/);
    await assertNotConnected(bUuid, 'ext.microsoft.tenant_bound_elsewhere');
    assert.equal((await lastConsentAudit(bUuid)).metadata.problem, 'tenant_bound_elsewhere');

    // 5. B's connection can start nothing that reads T.
    const starts = [
      () => b.post(iPath(bConn.body.id, 'verification')),
      ...['health-check', 'inventory', 'compliance-snapshot'].map(
        (op) => () => b.post(`/tenants/${evil.tenantId}/provider-connections/${bUuid}/operations/${op}`),
      ),
    ];
    for (const start of starts) {
      const res = await start();
      assert.ok(res.status < 500, `${res.status} ${res.text}`);
      // whatever the surface answers, a run it made is blocked before it calls Microsoft
      const id = res.body?.id ?? res.body?.operation_run_id ?? res.body?.run?.id;
      if (id) assert.equal((await runDone(b, Number(id))).outcome, 'blocked');
    }
    await new Promise((res) => setTimeout(res, 500));
    assert.equal(graphReads(T), 0, "no request of B's reached T's Graph");
    assert.notEqual((await bView(bUuid)).status, 'connected');
    // A is untouched by all of it.
    assert.equal((await getConnection(env, aConn.body.uuid)).status, 'connected');
  });

  test('a tenant bound to one workspace: a second workspace naming it gets 409 on create and on switching to platform; released, it can be proven there', async () => {
    const T = newTenant('Bound customer');
    const aConn = await createPlatform(env.owner, env.ws.tenantSlug, T);
    await callback(`?${await redirectParams(await linkOf(env.owner, aConn.body.id))}`);
    const refused = await createPlatform(b, evil.tenantSlug, T.toUpperCase());
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.body.error, 'provider_connection.entra_tenant_bound');
    assert.ok(!refused.text.includes(env.ws.workspaceId), "the holder's workspace is not named");

    // A dedicated connection of B to T uses B's customer's own app: allowed, and proven with that app's credential.
    const app = '0ded0ded-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    env.sim.registerApp({ clientId: app, clientSecret: DEDICATED_SECRET, consentRoles: ALL_ROLES });
    const ded = await b.post(
      `/admin/tenants/${evil.tenantSlug}/provider-connections`,
      {
        provider: 'microsoft',
        entra_tenant_id: T,
        display_name: 'Own app',
        is_default: false,
        connection_type: 'dedicated',
        dedicated_credential: { credential_kind: 'client_secret', client_id: app, client_secret: DEDICATED_SECRET },
      },
      { 'x-confirm': 'dedicated' },
    );
    assert.equal(ded.status, 201, ded.text);
    const dedBack = await callback(`?${await redirectParams(await linkOf(b, ded.body.id))}`);
    assert.match(dedBack.text, /Admin consent granted/);
    // switching it to the platform app would share T: refused
    const sw = await b.put(iPath(ded.body.id, 'connection-type'), { connection_type: 'platform' }, { 'x-confirm': String(ded.body.id) });
    assert.equal(sw.status, 409, sw.text);
    assert.equal(sw.body.error, 'provider_connection.entra_tenant_bound');

    // A releases T (switches its connection to its customer's own app): B may now name it and prove consent.
    const rel = await env.owner.put(iPath(aConn.body.id, 'connection-type'), { connection_type: 'dedicated' }, { 'x-confirm': String(aConn.body.id) });
    assert.equal(rel.status, 200, rel.text);
    const now = await b.put(iPath(ded.body.id, 'connection-type'), { connection_type: 'platform' }, { 'x-confirm': String(ded.body.id) });
    assert.equal(now.status, 200, now.text);
    assert.equal(now.body.consent_status, 'required', "the dedicated app's consent proves nothing for the platform app");
    const ok = await callback(`?${await redirectParams(await linkOf(b, ded.body.id))}`);
    assert.match(ok.text, /Admin consent granted/);
    // and now A is the one refused
    assert.equal((await createPlatform(env.owner, env.ws.tenantSlug, T)).status, 409);
  });

  test('the database enforces the binding and the proof, whatever the code does', async () => {
    const T = newTenant('Db customer');
    const aConn = await createPlatform(env.owner, env.ws.tenantSlug, T);
    await callback(`?${await redirectParams(await linkOf(env.owner, aConn.body.id))}`);
    const other = newTenant('Db other');
    const bConn = await createPlatform(b, evil.tenantSlug, other);
    const db = env.t.rt.db;
    // granted without a proven tenant
    await assert.rejects(
      db.workspaceTx(evil.workspaceId, (q) => q.query("UPDATE provider_connections SET consent_status = 'granted' WHERE id = $1", [bConn.body.uuid])),
      /provider_connections_platform_consent_proven/,
    );
    // a proven tenant that is not the one the connection names
    await assert.rejects(
      db.workspaceTx(evil.workspaceId, (q) =>
        q.query("UPDATE provider_connections SET consent_status = 'granted', consented_tenant_id = $2 WHERE id = $1", [bConn.body.uuid, T]),
      ),
      /provider_connections_consented_tenant_named/,
    );
    // renaming the connection to T and granting it: the binding belongs to A
    await assert.rejects(
      db.workspaceTx(evil.workspaceId, (q) =>
        q.query("UPDATE provider_connections SET entra_tenant_id = $2, consent_status = 'granted', consented_tenant_id = $2 WHERE id = $1", [
          bConn.body.uuid,
          T,
        ]),
      ),
      (err: { code?: string }) => err.code === '23505',
    );
    // the app role cannot write the bindings, nor see another workspace's
    await assert.rejects(
      db.workspaceTx(evil.workspaceId, (q) => q.query('DELETE FROM entra_tenant_bindings')),
      /permission denied/,
    );
    assert.deepEqual(await db.workspaceTx(evil.workspaceId, (q) => q.query('SELECT * FROM entra_tenant_bindings WHERE entra_tenant_id = $1', [T])), []);
  });
});

describe('what Microsoft must prove', () => {
  /** A fresh platform connection of A's in its own tenant, and the admin's return from its link. */
  async function attempt(setup: { wids?: string[]; stripPrompt?: boolean; preconsent?: boolean } = {}) {
    const T = newTenant('Proof customer');
    if (setup.preconsent) env.sim.setAppRoles(T, PLATFORM_APP, ALL_ROLES);
    if (setup.wids) env.sim.setSignedInUser(T, { wids: setup.wids });
    const c = await createPlatform(env.owner, env.ws.tenantSlug, T);
    const url = await linkOf(env.owner, c.body.id);
    if (setup.stripPrompt) url.searchParams.delete('prompt');
    return { T, uuid: c.body.uuid as string, number: c.body.id as number, url };
  }
  const status = async (uuid: string) =>
    (
      await env.t.rt.db.query<{ consent_status: string; last_error_reason_code: string | null }>(
        'SELECT consent_status, last_error_reason_code FROM provider_connections WHERE id = $1',
        [uuid],
      )
    )[0];

  const roleNames: Record<keyof typeof SIM_ADMIN_ROLES, string> = {
    globalAdministrator: 'a Global Administrator',
    privilegedRoleAdministrator: 'a Privileged Role Administrator',
    cloudApplicationAdministrator: 'a Cloud Application Administrator',
    applicationAdministrator: 'an Application Administrator',
  };
  for (const [key, wid] of Object.entries(SIM_ADMIN_ROLES) as [keyof typeof SIM_ADMIN_ROLES, string][]) {
    test(`${roleNames[key]} proves consent`, async () => {
      const a = await attempt({ wids: [wid, SIM_USER_ROLE] });
      const r = await callback(`?${await redirectParams(a.url)}`);
      assert.match(r.text, /Admin consent granted/);
      assert.equal((await status(a.uuid)).consent_status, 'granted');
    });
  }

  test('a user who is not an administrator: Microsoft refuses the admin-consent prompt, and a code from an ordinary sign-in (prompt removed) proves nothing', async () => {
    const refused = await attempt({ wids: [SIM_USER_ROLE, SIM_DIRECTORY_READERS] });
    const back = await redirectParams(refused.url);
    assert.equal(back.get('error'), 'access_denied');
    await callback(`?${back}`);
    assert.equal((await status(refused.uuid)).consent_status, 'failed');

    const sneaky = await attempt({ wids: [SIM_USER_ROLE, SIM_DIRECTORY_READERS], stripPrompt: true, preconsent: true });
    const r = await callback(`?${await redirectParams(sneaky.url)}`);
    assert.match(r.text, /not a Global Administrator/);
    assert.deepEqual(await status(sneaky.uuid), { consent_status: 'required', last_error_reason_code: 'ext.microsoft.not_admin' });
    assert.equal(await runsOf(sneaky.uuid), 0);

    const noRoles = await attempt({ wids: [], stripPrompt: true, preconsent: true });
    const r2 = await callback(`?${await redirectParams(noRoles.url)}`);
    assert.match(r2.text, /no directory roles/);
    assert.equal((await status(noRoles.uuid)).last_error_reason_code, 'ext.microsoft.not_admin');
  });

  test('a code is redeemed once, for the link it was issued to: replayed, or moved to another link of the same connection, it proves nothing', async () => {
    const a = await attempt();
    const first = await redirectParams(a.url);
    const code = first.get('code')!;
    // moved: the code of link 1 with the state of link 2 (PKCE verifier and nonce differ)
    const second = new URLSearchParams({ code, state: (await linkOf(env.owner, a.number)).searchParams.get('state')! });
    let r = await callback(`?${second}`);
    assert.match(r.text, /not recorded/);
    assert.equal((await status(a.uuid)).consent_status, 'required');
    // the code with its own link still proves consent (the moved attempt did not spend the link);
    // replayed after that, the state is spent: 403, nothing changes
    r = await callback(`?${first}`);
    assert.match(r.text, /Admin consent granted/);
    const runs = await runsOf(a.uuid);
    r = await callback(`?${first}`);
    assert.equal(r.status, 403);
    assert.equal(await runsOf(a.uuid), runs);
    // and a spent code with a fresh state of the same connection is refused by Microsoft
    const third = new URLSearchParams({ code, state: (await linkOf(env.owner, a.number)).searchParams.get('state')! });
    r = await callback(`?${third}`);
    assert.match(r.text, /not recorded/);
  });

  const tampering: [string, Parameters<ProviderEnv['sim']['tamperIdTokens']>[0], RegExp][] = [
    ['a nonce of another link', { claims: (c) => ({ ...c, nonce: 'not-this-link' }) }, /nonce mismatch/],
    ['an audience of another app', { claims: (c) => ({ ...c, aud: 'ffffffff-bbbb-4ccc-8ddd-eeeeeeeeeeee' }) }, /another app/],
    ['a key Microsoft does not publish', { foreignKey: true }, /not signed by a key/],
    ['an expired token', { claims: (c) => ({ ...c, iat: Number(c.iat) - 7200, nbf: Number(c.nbf) - 7200, exp: Number(c.iat) - 3600 }) }, /expired/],
    ['another issuer', { claims: (c) => ({ ...c, iss: 'https://evil.example/v2.0' }) }, /not issued by the tenant/],
    ['no nonce at all', { claims: (c) => ({ ...c, nonce: undefined }) }, /required claim|nonce/],
  ];
  for (const [name, tamper, message] of tampering) {
    test(`an ID token with ${name} proves nothing`, async () => {
      const a = await attempt();
      env.sim.tamperIdTokens(tamper);
      try {
        const r = await callback(`?${await redirectParams(a.url)}`);
        assert.match(r.text, message);
      } finally {
        env.sim.tamperIdTokens(undefined);
      }
      assert.deepEqual(await status(a.uuid), { consent_status: 'required', last_error_reason_code: 'ext.microsoft.consent_unproven' });
      assert.equal(await runsOf(a.uuid), 0);
    });
  }
});

describe('the callback page', () => {
  test("carries the console's security headers and shows nothing of the query string; nothing of it is stored", async () => {
    const T = newTenant('Page customer');
    const c = await createPlatform(env.owner, env.ws.tenantSlug, T);
    const state = (await linkOf(env.owner, c.body.id)).searchParams.get('state')!;
    const injected = '<script>alert(1)</script>Call +1-555-SCAM to restore access';
    const r = await callback(`?${new URLSearchParams({ state, error: 'access_denied', error_description: `AADSTS65004: ${injected}`, tenant: injected })}`);
    assert.equal(r.status, 200);
    const csp = String(r.headers['content-security-policy']);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(r.headers['x-frame-options'], 'DENY');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['cache-control'], 'no-store');
    assert.ok(!r.text.includes('SCAM') && !r.text.includes('script>alert'), r.text);
    assert.match(r.text, /AADSTS65004: The administrator declined/);
    const stored = JSON.stringify([
      await env.t.rt.db.query('SELECT * FROM provider_connections WHERE id = $1', [c.body.uuid]),
      await env.t.rt.db.query('SELECT metadata FROM audit_events WHERE target_id = $1', [c.body.uuid]),
    ]);
    assert.ok(!stored.includes('SCAM') && !stored.includes('alert'), stored);
    // an invalid state gets the same headers
    const bad = await callback('?state=garbage');
    assert.equal(bad.status, 403);
    assert.match(String(bad.headers['content-security-policy']), /frame-ancestors 'none'/);
  });
});
