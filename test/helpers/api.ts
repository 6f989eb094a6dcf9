// A small client over app.inject with bearer auth and JSON, plus fixtures for the common set-up.
import type { FastifyInstance } from 'fastify';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export function apiClient(app: FastifyInstance, token?: string) {
  async function call<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await app.inject({
      method: method as never,
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    let parsed: unknown;
    try {
      parsed = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.statusCode, body: parsed as T, headers: res.headers as never, text: res.body };
  }
  return {
    call,
    get: <T = any>(url: string, headers?: Record<string, string>) => call<T>('GET', url, undefined, headers),
    post: <T = any>(url: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', url, body ?? {}, headers),
    put: <T = any>(url: string, body?: unknown, headers?: Record<string, string>) => call<T>('PUT', url, body ?? {}, headers),
    patch: <T = any>(url: string, body?: unknown, headers?: Record<string, string>) => call<T>('PATCH', url, body ?? {}, headers),
    delete: <T = any>(url: string, headers?: Record<string, string>) => call<T>('DELETE', url, undefined, headers),
    as: (otherToken: string) => apiClient(app, otherToken),
  };
}

export type Api = ReturnType<typeof apiClient>;

/** A workspace with an owner token (and the ids tests usually need). */
export async function setupWorkspace(vendor: Api, name = 'Acme') {
  const ws = await vendor.post('/api/v1/workspaces', { name });
  if (ws.status !== 201) throw new Error(`workspace create failed: ${ws.status} ${ws.text}`);
  const workspaceId = ws.body.id as string;
  const owner = await vendor.post(`/api/v1/workspaces/${workspaceId}/members`, { email: `owner@${name.toLowerCase().replace(/\W/g, '')}.test`, role: 'owner' });
  const tok = await vendor.post(`/api/v1/workspaces/${workspaceId}/tokens`, { name: 'owner', member_id: owner.body.id });
  if (tok.status !== 201) throw new Error(`token create failed: ${tok.status} ${tok.text}`);
  const tenant = await vendor.post(`/api/v1/workspaces/${workspaceId}/tenants`, { name: `${name} Tenant` });
  return {
    workspaceId,
    ownerMemberId: owner.body.id as string,
    ownerToken: tok.body.token as string,
    tenantId: tenant.body.id as number,
    tenantSlug: tenant.body.slug as string,
  };
}

/** A token for a new member with the given role. */
export async function memberToken(vendor: Api, workspaceId: string, role: string, email = `${role}-${Math.random().toString(36).slice(2, 8)}@x.test`) {
  const m = await vendor.post(`/api/v1/workspaces/${workspaceId}/members`, { email, role });
  const t = await vendor.post(`/api/v1/workspaces/${workspaceId}/tokens`, { name: role, member_id: m.body.id });
  return t.body.token as string;
}
