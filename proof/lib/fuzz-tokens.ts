// Delegation fuzzing, token minting: makers of every kind (owner, admin, operator, a narrowed and
// expiring application token with tokens.manage, tokens minted during the run, the other
// workspace's owner) ask for tokens drawn by fast-check — capabilities inside and outside their
// own, unknown ones, narrowing inside, outside and absent, expiry absent, past, inside and beyond
// the maker's, member tokens for themselves and for others. The oracle is the rule itself: an
// accepted token is never wider, longer-lived or longer-living than its maker. At the end every
// maker is revoked and every token it minted, transitively, must be refused.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { apiClient } from '../../test/helpers/api.ts';
import { ROLE_CAPABILITIES, WORKSPACE_CAPABILITIES } from '../../src/core/access/capabilities.ts';
import type { World } from './fuzz-world.ts';

interface Maker {
  name: string;
  token: string;
  /** The workspace it belongs to: minting in another one must answer 404. */
  workspace: 'A' | 'B';
  /** null: the token cannot be revoked through the API (the vendor). */
  tokenId: string;
  memberId: string | null;
  role: string | null;
  capabilities: string[];
  providers: string[] | null;
  projects: string[] | null;
  expiresAt: number | null;
  /** Minted by another maker during the run (its descendants are checked at the end). */
  parent: Maker | null;
}

export interface TokenFuzzStats {
  requests: number;
  accepted: number;
  byStatus: Record<string, number>;
  violations: Array<{ rule: string; maker: string; request: unknown; detail: unknown }>;
  /** Tokens minted during the run that were still accepted after their ancestor was revoked. */
  survivors: number;
  revokedDescendants: number;
}

const PROVIDER_POOL = ['github', 'ai_openai', 'ai_anthropic', 'jira', 'microsoft'];
const subset = (a: readonly string[] | null, b: readonly string[] | null) => a !== null && (b === null || a.every((x) => b.includes(x)));

export async function fuzzTokenMinting(app: FastifyInstance, world: World, opts: { runs: number; seed: number }): Promise<TokenFuzzStats> {
  const vendor = apiClient(app, world.vendorToken);
  const A = world.A;
  const ws = `/api/v1/workspaces/${A.workspaceId}`;
  const owner = vendor.as(A.ownerToken);
  const stats: TokenFuzzStats = { requests: 0, accepted: 0, byStatus: {}, violations: [], survivors: 0, revokedDescendants: 0 };
  const violation = (rule: string, maker: Maker, request: unknown, detail: unknown) => stats.violations.push({ rule, maker: maker.name, request, detail });

  async function memberMaker(role: 'admin' | 'operator' | 'owner'): Promise<Maker> {
    const m = await vendor.post(`${ws}/members`, { email: `${role}-${Math.random().toString(36).slice(2, 8)}@delegation.test`, role });
    const t = await vendor.post(`${ws}/tokens`, { name: role, member_id: m.body.id });
    if (t.status !== 201) throw new Error(`token fuzz: ${role} token answered ${t.status} ${t.text}`);
    return {
      name: role,
      token: t.body.token,
      workspace: 'A',
      tokenId: t.body.id,
      memberId: m.body.id,
      role,
      capabilities: [...ROLE_CAPABILITIES[role]],
      providers: null,
      projects: null,
      expiresAt: null,
      parent: null,
    };
  }
  const ownerMaker = await memberMaker('owner');
  const makers: Maker[] = [ownerMaker, await memberMaker('admin'), await memberMaker('operator')];
  const narrowedCaps = ['tokens.manage', 'tokens.view', 'integrations.view', 'integrations.credentials.read', 'providers.view', 'runs.view'];
  const expiresAt = Date.now() + 2 * 3600_000;
  const narrowed = await owner.post(`${ws}/tokens`, {
    name: 'narrowed',
    capabilities: narrowedCaps,
    providers: ['github'],
    projects: [A.projectIdentifier],
    expires_at: new Date(expiresAt).toISOString(),
  });
  if (narrowed.status !== 201) throw new Error(`token fuzz: narrowed token answered ${narrowed.status} ${narrowed.text}`);
  makers.push({
    name: 'narrowed',
    token: narrowed.body.token,
    workspace: 'A',
    tokenId: narrowed.body.id,
    memberId: null,
    role: null,
    capabilities: narrowedCaps,
    providers: ['github'],
    projects: [A.projectIdentifier],
    expiresAt,
    parent: null,
  });
  const foreign: Maker = {
    name: 'ownerB',
    token: world.B.ownerToken,
    workspace: 'B',
    tokenId: world.B.tokenIds[0],
    memberId: null,
    role: 'owner',
    capabilities: [...WORKSPACE_CAPABILITIES],
    providers: null,
    projects: null,
    expiresAt: null,
    parent: null,
  };
  const listedMembers = (await vendor.get(`${ws}/members`)).body;
  const roleOf = new Map<string, string>((listedMembers.items ?? listedMembers).map((m: { id: string; role: string }) => [m.id, m.role]));
  const aMembers = [...roleOf.keys()];
  const mintedTokens: Array<{ token: string; maker: Maker }> = [];

  const capabilityList = fc.oneof(
    { weight: 4, arbitrary: fc.subarray([...WORKSPACE_CAPABILITIES], { minLength: 1, maxLength: 6 }) },
    {
      weight: 1,
      arbitrary: fc.array(fc.constantFrom('workspaces.manage', 'tokens.*', 'admin', '', 'TOKENS.MANAGE', 'tokens.manage '), { minLength: 1, maxLength: 3 }),
    },
  );
  const narrowing = (pool: string[]) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 3, arbitrary: fc.subarray(pool, { minLength: 1 }) },
      { weight: 1, arbitrary: fc.constant([] as string[]) },
    );
  const expiry = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.integer({ min: -3600, max: 30 * 86400 }).map((s) => new Date(Date.now() + s * 1000).toISOString()),
    fc.constantFrom('not-a-date', '9999-12-31T23:59:59Z', '1970-01-01T00:00:00Z'),
  );
  const request = fc.record(
    {
      kind: fc.constantFrom('application', 'application', 'application', 'member'),
      capabilities: capabilityList,
      memberIndex: fc.nat(),
      memberChoice: fc.constantFrom('self', 'other', 'foreign'),
      providers: narrowing(PROVIDER_POOL),
      projects: narrowing([A.projectIdentifier, world.B.projectIdentifier, 'other/repo']),
      expires_at: expiry,
      makerIndex: fc.nat(),
    },
    { requiredKeys: ['kind', 'capabilities', 'memberIndex', 'memberChoice', 'makerIndex'] },
  );

  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const pool = [...makers, foreign];
      const maker = pool[r.makerIndex % pool.length];
      const body: Record<string, unknown> = { name: `fuzz-${stats.requests}` };
      if (r.kind === 'member') {
        body.member_id =
          r.memberChoice === 'self' && maker.memberId
            ? maker.memberId
            : r.memberChoice === 'foreign'
              ? world.B.memberIds[0]
              : aMembers[r.memberIndex % aMembers.length];
      } else body.capabilities = r.capabilities;
      if (r.providers !== undefined) body.providers = r.providers;
      if (r.projects !== undefined) body.projects = r.projects;
      if (r.expires_at !== undefined) body.expires_at = r.expires_at;
      const res = await vendor.as(maker.token).post(`${ws}/tokens`, body);
      stats.requests++;
      stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
      if (res.status >= 500) violation('no 5xx', maker, body, res.text.slice(0, 300));
      if (res.status !== 201) return true;
      stats.accepted++;
      if (maker.workspace !== 'A') violation('another workspace cannot mint here', maker, body, res.body);
      const listed = (await vendor.get(`${ws}/tokens`)).body;
      const minted = (listed.items ?? listed).find((t: { id: string }) => t.id === res.body.id);
      if (!minted) {
        violation('the minted token is listed', maker, body, res.body);
        return true;
      }
      const memberRole = minted.kind === 'member' ? (roleOf.get(minted.member_id) as keyof typeof ROLE_CAPABILITIES | undefined) : undefined;
      if (minted.kind === 'member' && !memberRole) {
        violation('a member token names a member of this workspace', maker, body, minted.member_id);
        return true;
      }
      const caps: string[] = memberRole ? [...ROLE_CAPABILITIES[memberRole]] : minted.capabilities;
      const outside = caps.filter((c) => !maker.capabilities.includes(c));
      if (outside.length) violation('capabilities within the maker', maker, body, outside);
      if (maker.providers && !subset(minted.providers, maker.providers)) violation('providers within the maker', maker, body, minted.providers);
      if (maker.projects && !subset(minted.projects, maker.projects)) violation('projects within the maker', maker, body, minted.projects);
      const mintedExpiry = minted.expires_at ? Date.parse(minted.expires_at) : null;
      if (maker.expiresAt !== null && (mintedExpiry === null || mintedExpiry > maker.expiresAt))
        violation('expiry within the maker', maker, body, minted.expires_at);
      if (mintedExpiry !== null && mintedExpiry <= Date.now()) violation('no token expired at birth', maker, body, minted.expires_at);
      if (minted.kind === 'member' && maker.role !== 'owner' && minted.member_id !== maker.memberId)
        violation('member tokens only for oneself (owners excepted)', maker, body, minted.member_id);
      // Tokens that can mint join the pool (bounded), so lineage gets deep.
      if (caps.includes('tokens.manage') && makers.length < 12) {
        makers.push({
          name: `${maker.name}>child`,
          token: res.body.token,
          workspace: 'A',
          tokenId: res.body.id,
          memberId: minted.kind === 'member' ? minted.member_id : null,
          role: memberRole ?? null,
          capabilities: caps,
          providers: minted.providers ?? null,
          projects: minted.projects ?? null,
          expiresAt: mintedExpiry,
          parent: maker,
        });
      }
      mintedTokens.push({ token: res.body.token, maker });
      return true;
    }),
    { numRuns: opts.runs, seed: opts.seed, endOnFailure: true },
  );

  // Revoke the narrowed maker and every minted maker's root: nothing below may still work.
  const roots = makers.filter((m) => m.name === 'narrowed' || m.name === 'admin' || m.name === 'operator');
  for (const m of roots) await owner.delete(`/api/v1/tokens/${m.tokenId}`);
  for (const { token, maker } of mintedTokens) {
    let root: Maker = maker;
    while (root.parent) root = root.parent;
    if (!roots.includes(root)) continue;
    stats.revokedDescendants++;
    const probe = await vendor.as(token).get(`${ws}/tokens`);
    if (probe.status !== 401) stats.survivors++;
  }
  return stats;
}
