import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';
import type { SimCollection } from './data.ts';
import { complianceCounts, itemAt, pick } from './data.ts';
import { GRAPH_AUDIENCE } from './access-token.ts';
import { GRAPH_STATUS_CODES, graphErrorBody, sendJson } from './responses.ts';
import type { SimEndpoint, SimState, SimTenant } from './state.ts';

// The slice of Microsoft Graph v1.0 the adapter reads, with Graph's rules where they matter:
// bearer tokens checked (signature, audience, expiry), app roles enforced per resource, $select,
// $top capped, $count only with ConsistencyLevel: eventual, opaque $skiptoken paging.

const ACCEPTED_ROLES: Record<Exclude<SimEndpoint, 'token' | 'consent' | 'keys'>, readonly string[]> = {
  organization: ['Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  users: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  groups: ['Group.Read.All', 'GroupMember.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  managedDevices: ['DeviceManagementManagedDevices.Read.All', 'DeviceManagementManagedDevices.ReadWrite.All'],
  complianceSummary: ['DeviceManagementConfiguration.Read.All', 'DeviceManagementConfiguration.ReadWrite.All'],
};

const GRAPH_PATHS: Record<string, Exclude<SimEndpoint, 'token' | 'consent' | 'keys'>> = {
  '/v1.0/organization': 'organization',
  '/v1.0/users': 'users',
  '/v1.0/groups': 'groups',
  '/v1.0/deviceManagement/managedDevices': 'managedDevices',
  '/v1.0/deviceManagement/deviceCompliancePolicyDeviceStateSummary': 'complianceSummary',
};

export interface GraphContext {
  state: SimState;
  baseUrl: () => string;
  publicKey: KeyObject;
  pageSize: () => { defaultSize: number; maxSize: number };
  onHang: (res: ServerResponse) => void;
}

export function graphEndpointOf(pathname: string): Exclude<SimEndpoint, 'token' | 'consent' | 'keys'> | undefined {
  return GRAPH_PATHS[pathname];
}

export async function handleGraph(
  ctx: GraphContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  endpoint: Exclude<SimEndpoint, 'token' | 'consent' | 'keys'>,
): Promise<void> {
  const clientRequestId = headerOf(req, 'client-request-id');
  const error = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
    sendJson(res, status, graphErrorBody(code, message, clientRequestId), headers);

  const auth = await authenticate(ctx, headerOf(req, 'authorization'));
  ctx.state.count(endpoint, auth.tenant?.id, auth.clientId);
  const at = Date.now();
  if (!auth.tenant || !auth.clientId) {
    ctx.state.requestLog.push({ endpoint, tenantId: auth.tenant?.id, clientId: auth.clientId, at, throttled: false });
    return error(401, 'InvalidAuthenticationToken', auth.problem ?? 'Access token validation failure.');
  }
  const retryAfter = ctx.state.throttleOf(auth.tenant.id, auth.clientId, at);
  ctx.state.requestLog.push({ endpoint, tenantId: auth.tenant.id, clientId: auth.clientId, at, throttled: retryAfter !== undefined });
  if (retryAfter !== undefined) {
    return error(429, 'TooManyRequests', 'Too many requests. Please retry after the time in the Retry-After header.', { 'retry-after': String(retryAfter) });
  }

  const failure = ctx.state.takeFailure(endpoint, auth.tenant.id, auth.clientId);
  if (failure?.kind === 'hang') return ctx.onHang(res);
  if (failure?.kind === 'status') {
    const headers: Record<string, string> = failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
    return error(failure.status, failure.code ?? GRAPH_STATUS_CODES[failure.status] ?? 'UnknownError', failure.message ?? 'Simulated failure.', headers);
  }

  if (!ACCEPTED_ROLES[endpoint].some((r) => auth.roles.includes(r))) {
    return endpoint === 'managedDevices' || endpoint === 'complianceSummary'
      ? error(
          403,
          'Forbidden',
          `Application is not authorized to perform this operation. Application must have one of the following scopes: ${ACCEPTED_ROLES[endpoint].join(', ')}`,
        )
      : error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }

  const tenant = auth.tenant;
  const select = url.searchParams
    .get('$select')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (endpoint === 'organization') {
    const org = {
      id: tenant.id,
      displayName: tenant.displayName,
      tenantType: 'AAD',
      countryLetterCode: 'US',
      verifiedDomains: [{ name: tenant.domain, isDefault: true, isInitial: true, type: 'Managed', capabilities: 'Email, OfficeCommunicationsOnline' }],
    };
    return sendJson(res, 200, { '@odata.context': `${ctx.baseUrl()}/v1.0/$metadata#organization`, value: [pick(org, select)] });
  }
  if (endpoint === 'complianceSummary') {
    const c = complianceCounts(tenant.sizes.managedDevices);
    return sendJson(res, 200, {
      '@odata.context': `${ctx.baseUrl()}/v1.0/$metadata#deviceManagement/deviceCompliancePolicyDeviceStateSummary/$entity`,
      id: 'deviceCompliancePolicyDeviceStateSummary',
      inGracePeriodCount: c.inGracePeriod ?? 0,
      configManagerCount: 0,
      unknownDeviceCount: c.unknown ?? 0,
      notApplicableDeviceCount: 0,
      compliantDeviceCount: c.compliant ?? 0,
      remediatedDeviceCount: 0,
      nonCompliantDeviceCount: c.noncompliant ?? 0,
      errorDeviceCount: c.error ?? 0,
      conflictDeviceCount: c.conflict ?? 0,
    });
  }

  const wantsCount = url.searchParams.get('$count') === 'true';
  if (wantsCount && endpoint !== 'managedDevices' && headerOf(req, 'consistencylevel')?.toLowerCase() !== 'eventual') {
    return error(400, 'Request_BadRequest', '$count is not currently supported.');
  }
  const { defaultSize, maxSize } = ctx.pageSize();
  const top = Math.min(Number(url.searchParams.get('$top') ?? defaultSize) || defaultSize, maxSize);
  const offset = decodeSkipToken(url.searchParams.get('$skiptoken'), endpoint, tenant);
  if (offset === undefined) return error(400, 'BadRequest', 'The $skiptoken is not valid.');

  const total = tenant.sizes[endpoint];
  const end = Math.min(offset + top, total);
  const value: Record<string, unknown>[] = [];
  for (let i = offset; i < end; i++) value.push(pick(itemAt(endpoint, tenant.tag, tenant.domain, i), select));

  const body: Record<string, unknown> = { '@odata.context': `${ctx.baseUrl()}/v1.0/$metadata#${endpoint}` };
  if (offset === 0 && (wantsCount || endpoint === 'managedDevices')) body['@odata.count'] = total;
  if (end < total) body['@odata.nextLink'] = nextLink(ctx.baseUrl(), url, endpoint, tenant, end);
  body.value = value;
  sendJson(res, 200, body);
}

interface AuthResult {
  tenant?: SimTenant;
  clientId?: string;
  roles: string[];
  problem?: string;
}

async function authenticate(ctx: GraphContext, header: string | undefined): Promise<AuthResult> {
  const token = /^Bearer (.+)$/i.exec(header ?? '')?.[1];
  if (!token) return { roles: [], problem: 'Access token is empty.' };
  try {
    const { payload } = await jwtVerify(token, ctx.publicKey, { audience: GRAPH_AUDIENCE, algorithms: ['RS256'] });
    const tenant = typeof payload.tid === 'string' ? ctx.state.findTenant(payload.tid) : undefined;
    const clientId = typeof payload.appid === 'string' ? payload.appid : undefined;
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    return { tenant, clientId, roles, ...(tenant ? {} : { problem: 'Access token validation failure. Invalid tenant.' }) };
  } catch {
    return { roles: [], problem: 'Access token validation failure. Invalid audience, signature or expiry.' };
  }
}

function nextLink(base: string, url: URL, collection: SimCollection, tenant: SimTenant, offset: number): string {
  const params: string[] = [];
  for (const key of ['$select', '$top', '$count']) {
    const v = url.searchParams.get(key);
    if (v !== null) params.push(`${key}=${encodeURIComponent(v)}`);
  }
  params.push(`$skiptoken=${encodeSkipToken(collection, tenant, offset)}`);
  return `${base}${url.pathname}?${params.join('&')}`;
}

function encodeSkipToken(collection: SimCollection, tenant: SimTenant, offset: number): string {
  return Buffer.from(JSON.stringify({ c: collection, t: tenant.tag, o: offset })).toString('base64url');
}

function decodeSkipToken(token: string | null, collection: SimCollection, tenant: SimTenant): number | undefined {
  if (token === null) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { c?: unknown; t?: unknown; o?: unknown };
    return parsed.c === collection && parsed.t === tenant.tag && Number.isInteger(parsed.o) && (parsed.o as number) >= 0 ? (parsed.o as number) : undefined;
  } catch {
    return undefined;
  }
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
