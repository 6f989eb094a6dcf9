// The data every proof suite works on: a workspace with an owner, a project, integrations with
// canary secrets (the audited read releases them), and a SCIM configuration with its token.
import { http } from './cluster.ts';

const CANARY_PREFIX = 'CANARY-proof-';

export interface Fixture {
  workspaceId: string;
  ownerToken: string;
  tenantId: number;
  tenantSlug: string;
  scimConfigId: string;
  scimToken: string;
  /** A SCIM user the load PATCHes. */
  scimUserId?: string;
  /** The global AI integrations (one category: their default flag is contended). */
  integrationIds: string[];
  /** Every secret value sealed for this fixture (none may appear in a response but the audited read). */
  canaries: string[];
}

async function ok(p: Promise<{ status: number; text: string; body: any }>, expect: number, what: string) {
  const r = await p;
  if (r.status !== expect) throw new Error(`${what}: expected ${expect}, got ${r.status} ${r.text.slice(0, 300)}`);
  return r.body;
}

export async function createFixture(port: number, vendorToken: string, name: string): Promise<Fixture> {
  const ws = await ok(http(port, 'POST', '/api/v1/workspaces', vendorToken, { name }), 201, 'workspace');
  const member = await ok(
    http(port, 'POST', `/api/v1/workspaces/${ws.id}/members`, vendorToken, { email: `owner@${name.toLowerCase().replace(/\W/g, '')}.test`, role: 'owner' }),
    201,
    'member',
  );
  const tok = await ok(http(port, 'POST', `/api/v1/workspaces/${ws.id}/tokens`, vendorToken, { name: 'owner', member_id: member.id }), 201, 'token');
  const tenant = await ok(http(port, 'POST', `/api/v1/workspaces/${ws.id}/tenants`, vendorToken, { name: `${name} Tenant` }), 201, 'tenant');
  const owner = tok.token as string;
  const canaries: string[] = [];
  const integrationIds: string[] = [];
  for (const provider of ['ai_openai', 'ai_anthropic', 'ai_google']) {
    const secret = `${CANARY_PREFIX}${provider}-${ws.id.slice(0, 8)}-${Math.random().toString(36).slice(2, 10)}`;
    canaries.push(secret);
    const created = await ok(
      http(port, 'POST', '/sfp/api/integrations', owner, { provider, authType: 'api_key', credentials: { api_key: secret }, isGlobal: true }),
      201,
      `integration ${provider}`,
    );
    integrationIds.push(created.id);
  }
  await ok(http(port, 'POST', '/sfp/api/projects', owner, { identifier: `${name.toLowerCase()}/app`, platform: 'github' }), 201, 'project');
  const scim = await ok(
    http(
      port,
      'POST',
      '/directory/resources/v1/configurations/scim2',
      owner,
      { source: 'azure-ad', syncToUserManagement: false },
      { 'frontegg-tenant-id': String(tenant.id) },
    ),
    201,
    'scim configuration',
  );
  canaries.push(scim.token);
  const user = await ok(
    http(
      port,
      'POST',
      `/directory/resources/scim/v2.0/${scim.id}/Users`,
      scim.token,
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `patched@${name.toLowerCase()}.test` },
      { 'content-type': 'application/scim+json' },
    ),
    201,
    'scim user',
  );
  return {
    workspaceId: ws.id,
    ownerToken: owner,
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    scimConfigId: scim.id,
    scimToken: scim.token,
    scimUserId: user.id,
    integrationIds,
    canaries,
  };
}
