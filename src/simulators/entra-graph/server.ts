import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK } from 'jose';
import type { SimCollection } from './data.ts';
import { handleAuthorize, type IdTokenTamper } from './authorize.ts';
import { handleToken } from './entra.ts';
import { graphEndpointOf, handleGraph } from './graph.ts';
import { sendJson } from './responses.ts';
import type { FailureRule, RegisterAppInput, RegisterTenantInput, SimEndpoint, SimRequest, SimThrottle, SimUser } from './state.ts';
import { createState } from './state.ts';

export interface EntraGraphSimulatorOptions {
  /** Page size when the request has no $top. Default 100. */
  pageSize?: number;
  /** Largest page served whatever $top asks. Default 999 (Graph's limit for directory objects). */
  maxPageSize?: number;
  /** expires_in of issued tokens. Default 3599. */
  tokenLifetimeSeconds?: number;
}

export interface EntraGraphSimulator {
  /** Use as MicrosoftEndpoints.authorityHost. */
  authorityHost: string;
  /** Use as MicrosoftEndpoints.graphBaseUrl (ends in /v1.0). */
  graphBaseUrl: string;
  registerTenant(input: RegisterTenantInput): void;
  registerApp(input: RegisterAppInput): void;
  /** Replaces the app roles the tenant granted the app (installing the app there if needed). */
  setAppRoles(tenantId: string, clientId: string, roles: string[]): void;
  /** Removes the app from the tenant: token requests then fail with AADSTS700016. */
  revokeApp(tenantId: string, clientId: string): void;
  /** The roles currently granted, or undefined when the app is not in the tenant. */
  grantedRoles(tenantId: string, clientId: string): string[] | undefined;
  setCollectionSize(tenantId: string, collection: SimCollection, n: number): void;
  setDeviceCount(tenantId: string, n: number): void;
  setPageSize(defaultSize: number, maxSize?: number): void;
  setTokenLifetime(seconds: number): void;
  /** Who signs in at /authorize in this tenant (default: a Global Administrator); undefined restores the default. */
  setSignedInUser(tenantId: string, user: { oid?: string; wids: string[] } | undefined): void;
  /** Changes the next ID tokens (claims, or a key that is not published) until called with undefined. */
  tamperIdTokens(tamper: IdTokenTamper | undefined): void;
  /** Adds a failure rule (first match wins, in order added); returns a function removing it. */
  setFailure(rule: FailureRule): () => void;
  clearFailures(): void;
  /** Throttles an app (or every app) in a tenant the way Graph does: one window of 429 + Retry-After (state.ts SimThrottle). */
  throttle(rule: SimThrottle): void;
  /** The throttle windows opened so far, per tenant (start and end in this process's clock). */
  throttleWindows(tenantId: string): Array<{ start: number; end: number }>;
  /** Every Graph request received, in arrival order. */
  requests(filter?: { tenantId?: string }): SimRequest[];
  /** Drops the connections of every request a `hang` rule is holding (the caller sees a reset). */
  cutHanging(): void;
  /** Requests seen by an endpoint, optionally for one tenant and/or app. */
  count(endpoint: SimEndpoint, filter?: { tenantId?: string; clientId?: string }): number;
  counts(): Record<SimEndpoint, number>;
  readonly tokenRequests: number;
  resetCounts(): void;
  close(): Promise<void>;
}

const ENDPOINTS: SimEndpoint[] = ['token', 'consent', 'keys', 'organization', 'users', 'groups', 'managedDevices', 'complianceSummary'];

export async function startEntraGraphSimulator(options: EntraGraphSimulatorOptions = {}): Promise<EntraGraphSimulator> {
  const state = createState();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = randomUUID();
  let pageSize = { defaultSize: options.pageSize ?? 100, maxSize: options.maxPageSize ?? 999 };
  let tokenLifetime = options.tokenLifetimeSeconds ?? 3599;
  let baseUrl = '';
  const hanging = new Set<ServerResponse>();
  const onHang = (res: ServerResponse) => {
    hanging.add(res);
    res.on('close', () => hanging.delete(res));
  };

  const entraCtx = { state, baseUrl: () => baseUrl, signingKey: privateKey, keyId, tokenLifetimeSeconds: () => tokenLifetime, onHang };
  const graphCtx = { state, baseUrl: () => baseUrl, publicKey, pageSize: () => pageSize, onHang };

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', baseUrl);
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      if (req.method === 'POST' && parts.length === 4 && parts[1] === 'oauth2' && parts[2] === 'v2.0' && parts[3] === 'token') {
        return await handleToken(entraCtx, req, res, parts[0]);
      }
      if (req.method === 'GET' && parts.length === 4 && parts[1] === 'oauth2' && parts[2] === 'v2.0' && parts[3] === 'authorize') {
        return handleAuthorize(entraCtx, url, res, parts[0]);
      }
      if (req.method === 'GET' && parts.length === 4 && parts[1] === 'discovery' && parts[2] === 'v2.0' && parts[3] === 'keys') {
        state.count('keys', parts[0]);
        return sendJson(res, 200, { keys: [{ ...(await exportJWK(publicKey)), kid: keyId, use: 'sig', alg: 'RS256' }] });
      }
      const endpoint = req.method === 'GET' ? graphEndpointOf(url.pathname) : undefined;
      if (endpoint) return await handleGraph(graphCtx, req, res, url, endpoint);
      sendJson(res, 404, { error: { code: 'NotFound', message: 'No such simulated endpoint.' } });
    } catch {
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'InternalServerError', message: 'Simulator error.' } });
      else res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function tenantOrThrow(tenantId: string) {
    const tenant = state.findTenant(tenantId);
    if (!tenant) throw new Error(`simulator: unknown tenant ${tenantId}`);
    return tenant;
  }

  return {
    authorityHost: baseUrl,
    graphBaseUrl: `${baseUrl}/v1.0`,
    registerTenant: (input) => void state.registerTenant(input),
    registerApp: (input) => void state.registerApp(input),
    setAppRoles(tenantId, clientId, roles) {
      const tenant = state.findTenant(tenantId) ?? state.registerTenant({ tenantId });
      tenant.grants.set(clientId, [...roles]);
    },
    revokeApp: (tenantId, clientId) => void tenantOrThrow(tenantId).grants.delete(clientId),
    grantedRoles: (tenantId, clientId) => {
      const roles = state.findTenant(tenantId)?.grants.get(clientId);
      return roles ? [...roles] : undefined;
    },
    setCollectionSize: (tenantId, collection, n) => void (tenantOrThrow(tenantId).sizes[collection] = n),
    setDeviceCount: (tenantId, n) => void (tenantOrThrow(tenantId).sizes.managedDevices = n),
    setPageSize(defaultSize, maxSize) {
      pageSize = { defaultSize, maxSize: maxSize ?? Math.max(defaultSize, pageSize.maxSize) };
    },
    setTokenLifetime: (seconds) => void (tokenLifetime = seconds),
    setSignedInUser(tenantId, user) {
      const tenant = tenantOrThrow(tenantId);
      tenant.signedInUser = user ? ({ oid: user.oid ?? randomUUID(), wids: [...user.wids] } satisfies SimUser) : undefined;
    },
    tamperIdTokens: (tamper) => void (state.idTokenTamper = tamper),
    setFailure(rule) {
      const copy = { ...rule };
      state.rules.push(copy);
      return () => {
        const i = state.rules.indexOf(copy);
        if (i >= 0) state.rules.splice(i, 1);
      };
    },
    clearFailures: () => void state.rules.splice(0),
    throttle: (rule) => void state.throttles.push({ ...rule, passed: 0 }),
    throttleWindows: (tenantId) =>
      state.throttles.filter((t) => t.tenantId.toLowerCase() === tenantId.toLowerCase() && t.window).map((t) => ({ ...t.window! })),
    requests: (filter = {}) =>
      state.requestLog.filter((r) => !filter.tenantId || r.tenantId?.toLowerCase() === filter.tenantId.toLowerCase()).map((r) => ({ ...r })),
    cutHanging: () => {
      for (const res of hanging) res.destroy();
    },
    count: (endpoint, filter) => state.countOf(endpoint, filter),
    counts: () => Object.fromEntries(ENDPOINTS.map((e) => [e, state.countOf(e)])) as Record<SimEndpoint, number>,
    get tokenRequests() {
      return state.countOf('token');
    },
    resetCounts: () => state.counters.clear(),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
