// The data the fuzzer works on: two workspaces (A and B) built through the public API, each with
// principals of several kinds, canary secrets, integrations, a project, a SCIM configuration with
// a user and a group, a provider connection and an operation run. Every id is recorded by kind, so
// the fuzzer can aim requests at its own or at the other workspace's resources and tell which.
import type { FastifyInstance } from 'fastify';
import { apiClient, memberToken } from '../../test/helpers/api.ts';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

export interface Principal {
  name: string;
  /** The workspace label ('A' | 'B'); null for the vendor and for anonymous callers. */
  workspace: 'A' | 'B' | null;
  authorization?: string;
}

export interface WorkspaceWorld {
  label: 'A' | 'B';
  workspaceId: string;
  tenantId: number;
  tenantSlug: string;
  ownerToken: string;
  viewerToken: string;
  appToken: string;
  tokenIds: string[];
  memberIds: string[];
  integrationIds: string[];
  projectIdentifier: string;
  scimConfigId: string;
  scimToken: string;
  scimUserIds: string[];
  scimGroupIds: string[];
  connectionUuid: string;
  connectionNumber: number;
  runIds: number[];
  /** Secret values sealed for this workspace: never in any response except its own audited read. */
  canaries: string[];
  /** Every UUID that names one of this workspace's records. */
  uuids: Set<string>;
}

export interface World {
  A: WorkspaceWorld;
  B: WorkspaceWorld;
  vendorToken: string;
  principals: Principal[];
  /** Every bearer credential in play: none may ever be echoed in a response or a log line. */
  credentials: string[];
}

function expect(r: { status: number; text: string }, status: number, what: string) {
  if (r.status !== status) throw new Error(`fuzz world: ${what} answered ${r.status}: ${r.text.slice(0, 300)}`);
}

async function buildWorkspace(app: FastifyInstance, vendorToken: string, label: 'A' | 'B', entraTenant: string): Promise<WorkspaceWorld> {
  const vendor = apiClient(app, vendorToken);
  const name = `Fuzz${label}${Math.random().toString(36).slice(2, 6)}`;
  const ws = await vendor.post('/api/v1/workspaces', { name });
  expect(ws, 201, 'workspace');
  const workspaceId = ws.body.id as string;
  const ownerMember = await vendor.post(`/api/v1/workspaces/${workspaceId}/members`, { email: `owner@${name.toLowerCase()}.test`, role: 'owner' });
  expect(ownerMember, 201, 'member');
  const ownerTok = await vendor.post(`/api/v1/workspaces/${workspaceId}/tokens`, { name: 'owner', member_id: ownerMember.body.id });
  expect(ownerTok, 201, 'owner token');
  const tenant = await vendor.post(`/api/v1/workspaces/${workspaceId}/tenants`, { name: `${name} Tenant` });
  expect(tenant, 201, 'tenant');
  const owner = vendor.as(ownerTok.body.token);
  const viewerToken = await memberToken(vendor, workspaceId, 'viewer');
  const appTok = await owner.post(`/api/v1/workspaces/${workspaceId}/tokens`, {
    name: 'app',
    capabilities: ['integrations.view', 'integrations.credentials.read', 'runs.view', 'providers.view', 'scim.view'],
  });
  expect(appTok, 201, 'application token');
  const members = await vendor.get(`/api/v1/workspaces/${workspaceId}/members`);
  const canaries: string[] = [];
  const integrationIds: string[] = [];
  for (const provider of ['ai_openai', 'ai_anthropic']) {
    const secret = `CANARY-${label}-${provider}-${Math.random().toString(36).slice(2, 12)}`;
    canaries.push(secret);
    const r = await owner.post('/sfp/api/integrations', { provider, authType: 'api_key', credentials: { api_key: secret }, isGlobal: true });
    expect(r, 201, `integration ${provider}`);
    integrationIds.push(r.body.id);
  }
  const projectIdentifier = `${name.toLowerCase()}/app`;
  expect(await owner.post('/sfp/api/projects', { identifier: projectIdentifier, platform: 'github' }), 201, 'project');
  const ghSecret = `ghp_CANARY${label}${Math.random().toString(36).slice(2, 12)}`;
  canaries.push(ghSecret);
  const gh = await owner.post('/sfp/api/integrations', {
    provider: 'github',
    authType: 'pat',
    credentials: { token: ghSecret },
    projects: [projectIdentifier],
  });
  expect(gh, 201, 'project integration');
  integrationIds.push(gh.body.id);
  const scim = await owner.post(
    '/directory/resources/v1/configurations/scim2',
    { source: 'azure-ad', syncToUserManagement: false },
    { 'frontegg-tenant-id': String(tenant.body.id) },
  );
  expect(scim, 201, 'scim configuration');
  const scimApi = apiClient(app, scim.body.token);
  const base = `/directory/resources/scim/v2.0/${scim.body.id}`;
  const scimJson = { 'content-type': 'application/scim+json' };
  const user = await scimApi.post(
    `${base}/Users`,
    {
      schemas: [USER_SCHEMA],
      userName: `user@${name.toLowerCase()}.test`,
      active: true,
      emails: [{ value: `user@${name.toLowerCase()}.test`, primary: true }],
    },
    scimJson,
  );
  expect(user, 201, 'scim user');
  const group = await scimApi.post(`${base}/Groups`, { schemas: [GROUP_SCHEMA], displayName: `Group ${label}`, members: [{ value: user.body.id }] }, scimJson);
  expect(group, 201, 'scim group');
  const conn = await owner.post(`/admin/tenants/${tenant.body.slug}/provider-connections`, {
    provider: 'microsoft',
    entra_tenant_id: entraTenant,
    display_name: `Entra ${label}`,
  });
  expect(conn, 201, 'provider connection');
  // Without consent the health check is blocked: a visible run all the same (a run id to aim at).
  const run = await owner.post(`/tenants/${tenant.body.id}/provider-connections/${conn.body.uuid}/operations/health-check`);
  if (run.status !== 201 && run.status !== 200) throw new Error(`fuzz world: health-check run answered ${run.status} ${run.text}`);
  const memberIds = (members.body.items ?? members.body).map((m: { id: string }) => m.id);
  const w: WorkspaceWorld = {
    label,
    workspaceId,
    tenantId: tenant.body.id,
    tenantSlug: tenant.body.slug,
    ownerToken: ownerTok.body.token,
    viewerToken,
    appToken: appTok.body.token,
    tokenIds: [ownerTok.body.id, appTok.body.id],
    memberIds,
    integrationIds,
    projectIdentifier,
    scimConfigId: scim.body.id,
    scimToken: scim.body.token,
    scimUserIds: [user.body.id],
    scimGroupIds: [group.body.id],
    connectionUuid: conn.body.uuid,
    connectionNumber: conn.body.id,
    runIds: [run.body.id],
    canaries,
    uuids: new Set(),
  };
  for (const id of [workspaceId, ...w.tokenIds, ...memberIds, ...integrationIds, w.scimConfigId, ...w.scimUserIds, ...w.scimGroupIds, w.connectionUuid])
    w.uuids.add(String(id).toLowerCase());
  return w;
}

export async function buildWorld(app: FastifyInstance, vendorToken: string): Promise<World> {
  const A = await buildWorkspace(app, vendorToken, 'A', '0a0a0a0a-1111-4222-8333-444444444444');
  const B = await buildWorkspace(app, vendorToken, 'B', '0b0b0b0b-1111-4222-8333-444444444444');
  const principals: Principal[] = [
    { name: 'anonymous', workspace: null },
    { name: 'garbage', workspace: null, authorization: `Bearer sbt_${'x'.repeat(43)}` },
    { name: 'vendor', workspace: null, authorization: `Bearer ${vendorToken}` },
  ];
  for (const w of [A, B]) {
    principals.push(
      { name: `owner${w.label}`, workspace: w.label, authorization: `Bearer ${w.ownerToken}` },
      { name: `viewer${w.label}`, workspace: w.label, authorization: `Bearer ${w.viewerToken}` },
      { name: `app${w.label}`, workspace: w.label, authorization: `Bearer ${w.appToken}` },
      { name: `scim${w.label}`, workspace: w.label, authorization: `Bearer ${w.scimToken}` },
    );
  }
  const credentials = [vendorToken, ...[A, B].flatMap((w) => [w.ownerToken, w.viewerToken, w.appToken, w.scimToken])];
  return { A, B, vendorToken, principals, credentials };
}
