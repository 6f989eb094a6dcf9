// The mixed load of the scale-out and soak suites, driven by autocannon against one or several
// API processes: plain reads, audited secret reads, run starts (dedupe and scope_busy included),
// default changes (one default per category under contention) and SCIM writes (creates from a
// small pool of user names, so concurrent duplicates are part of the load, and PATCHes).
import autocannon from 'autocannon';
import type { Fixture } from './fixtures.ts';

export { autocannon };
type AcRequest = autocannon.Request;
/** autocannon's result; statusCodeStats is always there when the run ends normally. */
export type AcResult = autocannon.Result;

export type MixFixture = Fixture;

export interface MixCounts {
  [kind: string]: Record<string, number>;
}

const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The request sequence each connection cycles through: 12 requests, in these proportions. */
export function mixedRequests(fixtures: MixFixture[], counts: MixCounts, opts: { runScopes?: number; userNames?: number } = {}): AcRequest[] {
  const scopes = opts.runScopes ?? 50;
  const names = opts.userNames ?? 500;
  const count = (kind: string) => (status: number) => {
    const c = (counts[kind] ??= {});
    c[status] = (c[status] ?? 0) + 1;
  };
  const api = (
    kind: string,
    build: (f: MixFixture) => { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; body?: unknown },
    scim = false,
  ): AcRequest => ({
    setupRequest: (req) => {
      const f = pick(fixtures);
      const b = build(f);
      return {
        ...req,
        method: b.method,
        path: b.path,
        headers: {
          authorization: `Bearer ${scim ? f.scimToken : f.ownerToken}`,
          ...(b.body !== undefined ? { 'content-type': scim ? 'application/scim+json' : 'application/json' } : {}),
        },
        body: b.body === undefined ? undefined : JSON.stringify(b.body),
      };
    },
    onResponse: count(kind),
  });
  const read = api('read', () => ({ method: 'GET', path: '/sfp/api/integrations' }));
  const readAudit = api('read', (f) => ({ method: 'GET', path: `/api/v1/workspaces/${f.workspaceId}/audit-events?limit=20` }));
  const secret = api('secret_read', () => ({ method: 'GET', path: '/sfp/api/integrations/credentials?provider=ai_openai' }));
  const run = api('run_start', (f) => ({
    method: 'POST',
    path: `/test/workspaces/${f.workspaceId}/runs`,
    body: {
      type: Math.random() < 0.8 ? 'test.sleep' : 'test.fail',
      scope: `scope-${Math.floor(Math.random() * scopes)}`,
      inputs: { ms: 50 + Math.floor(Math.random() * 3) * 50 },
    },
  }));
  const setDefault = api('default_change', (f) => ({ method: 'PATCH', path: `/sfp/api/integrations/${pick(f.integrationIds)}`, body: { isDefault: true } }));
  const scimCreate = api(
    'scim_write',
    (f) => ({
      method: 'POST',
      path: `/directory/resources/scim/v2.0/${f.scimConfigId}/Users`,
      body: { schemas: [USER], userName: `user${Math.floor(Math.random() * names)}@load.test`, active: true },
    }),
    true,
  );
  const scimPatch = api(
    'scim_write',
    (f) => ({
      method: 'PATCH',
      path: `/directory/resources/scim/v2.0/${f.scimConfigId}/Users/${encodeURIComponent(f.scimUserId ?? 'none')}`,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: Math.random() < 0.5 }] },
    }),
    true,
  );
  return [read, secret, scimCreate, read, run, readAudit, secret, scimCreate, read, setDefault, scimPatch, run];
}

export function summarizeCounts(counts: MixCounts): string {
  return Object.entries(counts)
    .map(
      ([k, v]) =>
        `${k} ${Object.entries(v)
          .map(([s, n]) => `${s}:${n}`)
          .join(' ')}`,
    )
    .join(' | ');
}
