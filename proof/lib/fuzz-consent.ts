// Delegation fuzzing, admin consent: workspace A's customer consented the platform app in Entra
// tenant T (A's connection holds the binding); workspace B named T before that, and also owns a
// tenant of its own. fast-check draws consent callbacks for B's connection to T (and for A's, to
// try to take A's consent away): which state (B's fresh or spent, A's, garbage), which code (none,
// random, from B's own tenant, from T for A's link, from T for B's link by T's administrator or by
// a non-administrator), which extra query values (admin_consent=True, tenant=T, error=, injected
// error text), and which ID token Microsoft returns (honest, or with another nonce, audience,
// issuer, tenant, signing key, or expired). The oracle: B's connection to T is never granted and no
// run of it is ever anything but blocked; A's connection never loses its consent; no 5xx; the page
// never repeats text from the query.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { apiClient, type Api } from '../../test/helpers/api.ts';
import type { EntraGraphSimulator, IdTokenTamper } from '../../src/simulators/entra-graph/index.ts';
import { SIM_DIRECTORY_READERS, SIM_USER_ROLE } from '../../src/simulators/entra-graph/index.ts';
import type { Db } from '../../src/db/database.ts';
import type { World } from './fuzz-world.ts';

export interface ConsentFuzzStats {
  requests: number;
  /** Callbacks that granted B's connection to T (must be 0). */
  accepted: number;
  byOutcome: Record<string, number>;
  /** The reason codes the pages gave (ext.microsoft.*, permission_denied, …). */
  byReason: Record<string, number>;
  violations: Array<{ rule: string; mutation: unknown; detail: unknown }>;
}

const FUZZ_PLATFORM_APP = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const VICTIM = '0f0f0f0f-1111-4222-8333-444444444444';
const OWN = '0e0e0e0e-1111-4222-8333-444444444444';
const INJECTED = 'Call-SCAM-support<script>alert(1)</script>';

const TAMPERS: Record<string, IdTokenTamper | undefined> = {
  honest: undefined,
  nonce: { claims: (c) => ({ ...c, nonce: 'other' }) },
  audience: { claims: (c) => ({ ...c, aud: 'ffffffff-bbbb-4ccc-8ddd-eeeeeeeeeeee' }) },
  issuer: { claims: (c) => ({ ...c, iss: 'https://evil.example/v2.0' }) },
  tenant: { claims: (c) => ({ ...c, tid: OWN, iss: String(c.iss).replace(VICTIM, OWN) }) },
  victimTenant: { claims: (c) => ({ ...c, tid: VICTIM, iss: String(c.iss).replace(OWN, VICTIM) }) },
  key: { foreignKey: true },
  expired: { claims: (c) => ({ ...c, iat: Number(c.iat) - 7200, nbf: Number(c.nbf) - 7200, exp: Number(c.iat) - 3600 }) },
  noWids: { claims: (c) => ({ ...c, wids: undefined }) },
};

const weighted = <T>(common: T, weight: number, ...rare: T[]) =>
  fc.oneof({ arbitrary: fc.constant(common), weight }, ...rare.map((r) => ({ arbitrary: fc.constant(r), weight: 1 })));
const mutation = fc.record({
  target: weighted<'A' | 'B'>('B', 3, 'A'),
  state: weighted<'fresh' | 'spent' | 'otherWorkspace' | 'garbage' | 'none'>('fresh', 4, 'spent', 'otherWorkspace', 'garbage', 'none'),
  code: fc.constantFrom('none', 'random', 'ownTenant', 'victimAdminForA', 'victimAdmin', 'victimNonAdmin', 'victimNoPrompt'),
  adminConsent: fc.boolean(),
  tenantParam: fc.constantFrom(null, VICTIM, OWN, INJECTED),
  error: weighted(null as string | null, 4, 'access_denied', 'invalid_request', INJECTED),
  errorDescription: fc.constantFrom(null, `AADSTS65004: ${INJECTED}`, INJECTED),
  tamper: weighted('honest', 6, ...Object.keys(TAMPERS).filter((k) => k !== 'honest')),
});
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;
const EXAMPLE_BASE: Mutation = {
  target: 'B',
  state: 'fresh',
  code: 'none',
  adminConsent: false,
  tenantParam: null,
  error: null,
  errorDescription: null,
  tamper: 'honest',
};

export async function fuzzConsentCallbacks(
  app: FastifyInstance,
  db: Db,
  sim: EntraGraphSimulator,
  world: World,
  opts: { runs: number; seed: number },
): Promise<ConsentFuzzStats> {
  const stats: ConsentFuzzStats = { requests: 0, accepted: 0, byOutcome: {}, byReason: {}, violations: [] };
  const vendor = apiClient(app, world.vendorToken);
  const anon = apiClient(app);
  const a = vendor.as(world.A.ownerToken);
  const b = vendor.as(world.B.ownerToken);
  sim.registerTenant({ tenantId: VICTIM, displayName: 'Victim' });
  sim.registerTenant({ tenantId: OWN, displayName: 'Attacker' });
  sim.registerApp({
    clientId: FUZZ_PLATFORM_APP,
    clientSecret: 'Platform~Fuzz.CANARY-7hQ2-Zk7vLr4TtYp0WmN3',
    consentRoles: ['Organization.Read.All', 'User.Read.All'],
  });

  const create = async (api: Api, slug: string, tenant: string) => {
    const r = await api.post(`/admin/tenants/${slug}/provider-connections`, {
      provider: 'microsoft',
      entra_tenant_id: tenant,
      display_name: `Consent fuzz ${tenant.slice(0, 8)}`,
      is_default: false,
    });
    if (r.status !== 201) throw new Error(`consent fuzz: create answered ${r.status} ${r.text}`);
    return { number: r.body.id as number, uuid: r.body.uuid as string };
  };
  const link = async (api: Api, number: number) => {
    const r = await api.post(`/admin/provider-connections/${number}/admin-consent-link`);
    if (r.status !== 200) throw new Error(`consent fuzz: link answered ${r.status} ${r.text}`);
    return new URL(r.body.url as string);
  };
  /** The browser's trip to Microsoft; the query it comes back with. */
  const back = async (url: URL) => {
    const res = await fetch(url, { redirect: 'manual' });
    await res.text();
    const location = res.headers.get('location');
    return location ? new URL(location).searchParams : new URLSearchParams();
  };

  const bConn = await create(b, world.B.tenantSlug, VICTIM); // before A's customer consents: nothing binds T yet
  const aConn = await create(a, world.A.tenantSlug, VICTIM);
  const granted = await anon.get(`/admin/consent/callback?${await back(await link(a, aConn.number))}`);
  if (!/Admin consent granted/.test(granted.text)) throw new Error(`consent fuzz: A's honest consent was not granted: ${granted.text.slice(0, 300)}`);
  const consentOf = async (uuid: string) =>
    (await db.query<{ consent_status: string }>('SELECT consent_status FROM provider_connections WHERE id = $1', [uuid]))[0].consent_status;
  let spent = '';

  /** The code, and the state of the link it came from when that link was the target connection's own. */
  async function codeFor(m: Mutation, conn: { number: number }, api: Api): Promise<{ code: string | null; state?: string }> {
    const own = async (url: URL) => ({ code: (await back(url)).get('code'), state: url.searchParams.get('state') ?? undefined });
    switch (m.code) {
      case 'none':
        return { code: null };
      case 'random':
        return { code: Buffer.from(String(Math.random())).toString('base64url') };
      case 'ownTenant': {
        const url = await link(api, conn.number);
        url.pathname = url.pathname.replace(VICTIM, OWN);
        return own(url);
      }
      case 'victimAdminForA':
        return m.target === 'A' ? own(await link(a, aConn.number)) : { code: (await back(await link(a, aConn.number))).get('code') };
      case 'victimAdmin':
        return own(await link(api, conn.number));
      case 'victimNonAdmin':
      case 'victimNoPrompt': {
        sim.setSignedInUser(VICTIM, { wids: [SIM_USER_ROLE, SIM_DIRECTORY_READERS] });
        try {
          const url = await link(api, conn.number);
          if (m.code === 'victimNoPrompt') url.searchParams.delete('prompt');
          return own(url);
        } finally {
          sim.setSignedInUser(VICTIM, undefined);
        }
      }
    }
  }

  async function stateFor(m: Mutation, conn: { number: number }, api: Api, linkState: string | undefined): Promise<string | null> {
    switch (m.state) {
      case 'fresh':
        return linkState ?? (await link(api, conn.number)).searchParams.get('state');
      case 'spent':
        return spent || 'garbage';
      case 'otherWorkspace':
        return (await link(m.target === 'B' ? a : b, m.target === 'B' ? aConn.number : bConn.number)).searchParams.get('state');
      case 'garbage':
        return '1.eyJuIjoieCJ9.AAAA';
      case 'none':
        return null;
    }
  }

  await fc
    .assert(
      fc.asyncProperty(mutation, async (m) => {
        const conn = m.target === 'B' ? bConn : aConn;
        const api = m.target === 'B' ? b : a;
        const { code, state: linkState } = await codeFor(m, conn, api);
        const state = await stateFor(m, conn, api, linkState);
        const q = new URLSearchParams();
        if (state !== null) q.set('state', state);
        if (code !== null) q.set('code', code);
        if (m.adminConsent) q.set('admin_consent', 'True');
        if (m.tenantParam !== null) q.set('tenant', m.tenantParam);
        if (m.error !== null) q.set('error', m.error);
        if (m.errorDescription !== null) q.set('error_description', m.errorDescription);
        sim.tamperIdTokens(TAMPERS[m.tamper]);
        let r: Awaited<ReturnType<typeof anon.get>>;
        try {
          r = await anon.get(`/admin/consent/callback?${q}`);
        } finally {
          sim.tamperIdTokens(undefined);
        }
        stats.requests += 1;
        if (state && m.state === 'fresh') spent = state;
        const title = /<title>([^<]*)<\/title>/.exec(r.text)?.[1] ?? `HTTP ${r.status}`;
        stats.byOutcome[title] = (stats.byOutcome[title] ?? 0) + 1;
        const reason = /\(reason: ([a-z_.]+)\)/.exec(r.text)?.[1];
        if (reason) stats.byReason[reason] = (stats.byReason[reason] ?? 0) + 1;
        if (r.status >= 500) stats.violations.push({ rule: 'no 5xx', mutation: m, detail: r.status });
        if (r.text.includes('SCAM') || r.text.includes('alert(1)'))
          stats.violations.push({ rule: 'the page repeats query text', mutation: m, detail: r.text.slice(0, 300) });
        if ((await consentOf(bConn.uuid)) === 'granted') {
          stats.accepted += 1;
          stats.violations.push({ rule: "B's connection to A's tenant was granted", mutation: m, detail: r.text.slice(0, 300) });
        }
        if ((await consentOf(aConn.uuid)) !== 'granted')
          stats.violations.push({ rule: "A's consent was taken away", mutation: m, detail: r.text.slice(0, 300) });
        const runs = await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM operation_runs WHERE target_id = $1 AND NOT (status = 'completed' AND outcome = 'blocked')",
          [bConn.uuid],
        );
        if (runs[0].n > 0) stats.violations.push({ rule: "a run of B's connection to A's tenant was not blocked", mutation: m, detail: runs[0].n });
      }),
      {
        numRuns: opts.runs,
        seed: opts.seed,
        endOnFailure: true,
        // Each way a proof can fail, once for sure, before the drawn ones mutate around them.
        examples: (
          [
            { code: 'victimAdmin' }, // T's own administrator lured into B's link: T is bound to A
            { code: 'ownTenant' }, // B's admin consents in B's tenant; redeemed at T it is refused
            { code: 'victimAdmin', tamper: 'tenant' }, // Microsoft's token names another tenant
            { code: 'victimNoPrompt' }, // a non-administrator's ordinary sign-in
            { code: 'none', adminConsent: true, tenantParam: VICTIM }, // today's forged success
            { target: 'A', code: 'victimAdmin' }, // A's administrator re-consents: granted
            { target: 'A', code: 'victimAdmin', error: 'access_denied' }, // a refusal never takes A's consent
          ] satisfies Partial<Mutation>[]
        ).map((m): [Mutation] => [{ ...EXAMPLE_BASE, ...m }]),
      },
    )
    .catch((err: unknown) => {
      // fc.assert only throws when the property throws (the oracle records, it does not throw): a crash of the harness.
      stats.violations.push({ rule: 'harness', mutation: null, detail: String(err).slice(0, 500) });
    });
  return stats;
}
