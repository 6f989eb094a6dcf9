// Shared set-up for the SCIM endpoint tests: a workspace, a SCIM configuration for its tenant,
// and a client that speaks to the configuration's SCIM base with its token.
import assert from 'node:assert/strict';
import { apiClient, setupWorkspace, type Api } from '../helpers/api.ts';
import type { TestRuntime } from '../helpers/runtime.ts';

export const CONFIGS = '/directory/resources/v1/configurations/scim2';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_JSON = { 'content-type': 'application/scim+json' };

export interface ScimSetup {
  vendor: Api;
  owner: Api;
  workspaceId: string;
  tenantId: number;
  configurationId: string;
  token: string;
  /** Path prefix of the configuration's SCIM endpoint. */
  base: string;
  scim: Api;
}

export async function setupScim(
  t: TestRuntime,
  opts: { name?: string; source?: string; syncToUserManagement?: boolean; workspace?: Awaited<ReturnType<typeof setupWorkspace>> } = {},
): Promise<ScimSetup> {
  const vendor = apiClient(t.rt.app!, t.vendorToken);
  const ws = opts.workspace ?? (await setupWorkspace(vendor, opts.name ?? `Ws${Math.random().toString(36).slice(2, 8)}`));
  const owner = vendor.as(ws.ownerToken);
  const created = await owner.post(
    CONFIGS,
    { source: opts.source ?? 'azure-ad', syncToUserManagement: opts.syncToUserManagement ?? false },
    { 'frontegg-tenant-id': String(ws.tenantId) },
  );
  assert.equal(created.status, 201, created.text);
  const base = `/directory/resources/scim/v2.0/${created.body.id}`;
  return {
    vendor,
    owner,
    workspaceId: ws.workspaceId,
    tenantId: ws.tenantId,
    configurationId: created.body.id,
    token: created.body.token,
    base,
    scim: apiClient(t.rt.app!, created.body.token),
  };
}

/** A minimal user; returns its id. */
export async function createUser(s: ScimSetup, userName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await s.scim.post(`${s.base}/Users`, { schemas: [USER_SCHEMA], userName, ...extra }, SCIM_JSON);
  assert.equal(res.status, 201, res.text);
  return res.body.id;
}

export async function createGroup(s: ScimSetup, displayName: string, members: string[] = []): Promise<string> {
  const res = await s.scim.post(`${s.base}/Groups`, { schemas: [GROUP_SCHEMA], displayName, members: members.map((value) => ({ value })) }, SCIM_JSON);
  assert.equal(res.status, 201, res.text);
  return res.body.id;
}

export const filterQuery = (filter: string) => `filter=${encodeURIComponent(filter)}`;

/** Asserts an RFC 7644 §3.12 error body with the SCIM media type. */
export function assertScimError(res: { status: number; body: any; headers: Record<string, unknown> }, status: number, scimType?: string): void {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.match(String(res.headers['content-type']), /^application\/scim\+json/);
  assert.deepEqual(res.body.schemas, [ERROR_SCHEMA]);
  assert.equal(res.body.status, String(status));
  assert.equal(typeof res.body.detail, 'string');
  if (scimType) assert.equal(res.body.scimType, scimType);
}
