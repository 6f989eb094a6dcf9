import { X509Certificate, createHash, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { SimCollection } from './data.ts';
import { tenantTag } from './data.ts';

// What the simulated Microsoft cloud knows: tenants, app registrations with their credentials,
// the app roles each tenant granted each app, failure rules, and request counters.

/** What a test may do to the next ID tokens: change claims, or sign with a key Microsoft does not publish. */
export interface IdTokenTamper {
  claims?: (claims: Record<string, unknown>) => Record<string, unknown>;
  foreignKey?: boolean;
}

export type SimEndpoint = 'token' | 'consent' | 'keys' | 'organization' | 'users' | 'groups' | 'managedDevices' | 'complianceSummary';
const GRAPH_ENDPOINTS: readonly SimEndpoint[] = ['organization', 'users', 'groups', 'managedDevices', 'complianceSummary'];

export type SimFailure =
  /** Entra error JSON for this AADSTS code (token endpoint; on consent, a refusal redirect). */
  | { kind: 'aadsts'; code: number; status?: number; error?: string; description?: string }
  /** A bare HTTP status with the service's error body, e.g. 429 with Retry-After, or 503. */
  | { kind: 'status'; status: number; retryAfterSeconds?: number; code?: string; message?: string }
  /** Accept the request and never answer (until close()). */
  | { kind: 'hang' }
  /** Admin consent at /authorize: redirect back with error / error_description instead of a code. */
  | { kind: 'consent_refused'; error?: string; description?: string };

export interface FailureRule {
  failure: SimFailure;
  /** Which endpoint; 'graph' means every Graph endpoint; omitted means every endpoint. */
  endpoint?: SimEndpoint | 'graph';
  tenantId?: string;
  clientId?: string;
  /** Apply to the first N matching requests only (then the rule is spent). Default: always. */
  times?: number;
}

/**
 * Graph throttling as Graph does it, per app and tenant: the first `afterRequests` Graph requests
 * pass, the next one opens a window of `retryAfterSeconds` during which every request of that
 * tenant (and app, when given) is answered 429 with the Retry-After left. One window per rule.
 */
export interface SimThrottle {
  tenantId: string;
  clientId?: string;
  afterRequests?: number;
  retryAfterSeconds: number;
}

interface ThrottleRule extends SimThrottle {
  passed: number;
  window?: { start: number; end: number };
}

/** One Graph request as the simulator received it (arrival time in this process's clock). */
export interface SimRequest {
  endpoint: SimEndpoint;
  tenantId?: string;
  clientId?: string;
  at: number;
  /** Answered 429 by a throttle window. */
  throttled: boolean;
}

export interface SimTenant {
  id: string;
  displayName: string;
  domain: string;
  tag: string;
  sizes: Record<SimCollection, number>;
  /** clientId -> granted app roles */
  grants: Map<string, string[]>;
  /** Who signs in at /authorize; undefined: a Global Administrator with defaultAdminOid. */
  signedInUser?: SimUser;
  defaultAdminOid: string;
}

/** The user a browser signs in as at the authorization endpoint. */
export interface SimUser {
  oid: string;
  /** Directory role template ids (the `wids` claim); empty: none emitted. */
  wids: string[];
}

/** An issued authorization code, bound to everything the token request must repeat. */
export interface SimCode {
  tenantId: string;
  clientId: string;
  redirectUri: string;
  challenge: string | null;
  method: string | null;
  nonce: string | null;
  user: SimUser;
  expiresAt: number;
  redeemed: boolean;
}

export interface SimCertificate {
  publicKey: KeyObject;
  x5t: string;
  x5tS256: string;
}

export interface SimApp {
  clientId: string;
  displayName: string;
  secrets: Set<string>;
  certificates: SimCertificate[];
  /** Roles granted to the app in a tenant when its admin consents. */
  consentRoles: string[];
  /** Empty means any redirect URI is accepted. */
  redirectUris: string[];
}

export interface RegisterTenantInput {
  tenantId: string;
  displayName?: string;
  domain?: string;
  users?: number;
  groups?: number;
  managedDevices?: number;
}

export interface RegisterAppInput {
  clientId: string;
  /** When given, the app is installed (consented) in this tenant with `roles`. */
  tenantId?: string;
  roles?: string[];
  clientSecret?: string | string[];
  certificatePem?: string | string[];
  /** Roles an admin grants by consenting; default `roles`. */
  consentRoles?: string[];
  redirectUris?: string[];
  displayName?: string;
}

export function createState() {
  const tenants = new Map<string, SimTenant>();
  const apps = new Map<string, SimApp>();
  const rules: FailureRule[] = [];
  const counters = new Map<string, number>();
  const codes = new Map<string, SimCode>();
  const throttles: ThrottleRule[] = [];
  const requestLog: SimRequest[] = [];

  /** A throttle window answering this request: the seconds Graph asks to wait, or undefined. */
  function throttleOf(tenantId: string, clientId: string, at: number): number | undefined {
    for (const t of throttles) {
      if (t.tenantId.toLowerCase() !== tenantId.toLowerCase() || (t.clientId && t.clientId !== clientId)) continue;
      if (!t.window) {
        if (t.passed < (t.afterRequests ?? 0)) {
          t.passed += 1;
          continue;
        }
        t.window = { start: at, end: at + t.retryAfterSeconds * 1000 };
      }
      if (at < t.window.end) return Math.max(1, Math.ceil((t.window.end - at) / 1000));
    }
    return undefined;
  }

  function registerTenant(input: RegisterTenantInput): SimTenant {
    const key = input.tenantId.toLowerCase();
    const existing = tenants.get(key);
    const tenant: SimTenant = existing ?? {
      id: input.tenantId,
      displayName: input.displayName ?? `Tenant ${input.tenantId.slice(0, 8)}`,
      domain: input.domain ?? `t${tenantTag(input.tenantId)}.onmicrosoft.com`,
      tag: tenantTag(input.tenantId),
      sizes: { users: 10, groups: 3, managedDevices: 20 },
      grants: new Map(),
      defaultAdminOid: randomUUID(),
    };
    if (input.displayName) tenant.displayName = input.displayName;
    if (input.domain) tenant.domain = input.domain;
    if (input.users !== undefined) tenant.sizes.users = input.users;
    if (input.groups !== undefined) tenant.sizes.groups = input.groups;
    if (input.managedDevices !== undefined) tenant.sizes.managedDevices = input.managedDevices;
    tenants.set(key, tenant);
    return tenant;
  }

  function findTenant(idOrDomain: string): SimTenant | undefined {
    const key = idOrDomain.toLowerCase();
    return tenants.get(key) ?? [...tenants.values()].find((t) => t.domain.toLowerCase() === key);
  }

  function registerApp(input: RegisterAppInput): SimApp {
    const app: SimApp = apps.get(input.clientId) ?? {
      clientId: input.clientId,
      displayName: input.displayName ?? 'Switchboard test app',
      secrets: new Set(),
      certificates: [],
      consentRoles: [],
      redirectUris: [],
    };
    for (const s of toList(input.clientSecret)) app.secrets.add(s);
    for (const pem of toList(input.certificatePem)) app.certificates.push(certificateOf(pem));
    if (input.consentRoles) app.consentRoles = [...input.consentRoles];
    else if (input.roles && app.consentRoles.length === 0) app.consentRoles = [...input.roles];
    if (input.redirectUris) app.redirectUris = [...input.redirectUris];
    if (input.displayName) app.displayName = input.displayName;
    apps.set(app.clientId, app);
    if (input.tenantId) {
      const tenant = findTenant(input.tenantId) ?? registerTenant({ tenantId: input.tenantId });
      tenant.grants.set(app.clientId, [...(input.roles ?? [])]);
    }
    return app;
  }

  /** The first live rule matching the request; spends one use of it. */
  function takeFailure(endpoint: SimEndpoint, tenantId: string | undefined, clientId: string | undefined): SimFailure | undefined {
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (rule.endpoint && rule.endpoint !== endpoint && !(rule.endpoint === 'graph' && GRAPH_ENDPOINTS.includes(endpoint))) continue;
      if (rule.tenantId && rule.tenantId.toLowerCase() !== tenantId?.toLowerCase()) continue;
      if (rule.clientId && rule.clientId !== clientId) continue;
      if (rule.times !== undefined) {
        rule.times -= 1;
        if (rule.times <= 0) rules.splice(i, 1);
      }
      return rule.failure;
    }
    return undefined;
  }

  function count(endpoint: SimEndpoint, tenantId?: string, clientId?: string): void {
    const t = tenantId?.toLowerCase();
    for (const key of [endpoint, `${endpoint}|t:${t}`, `${endpoint}|c:${clientId}`, `${endpoint}|t:${t}|c:${clientId}`]) {
      counters.set(key, (counters.get(key) ?? 0) + 1);
    }
  }

  function countOf(endpoint: SimEndpoint, filter: { tenantId?: string; clientId?: string } = {}): number {
    const t = filter.tenantId?.toLowerCase();
    const key =
      t && filter.clientId
        ? `${endpoint}|t:${t}|c:${filter.clientId}`
        : t
          ? `${endpoint}|t:${t}`
          : filter.clientId
            ? `${endpoint}|c:${filter.clientId}`
            : endpoint;
    return counters.get(key) ?? 0;
  }

  return {
    tenants,
    apps,
    rules,
    throttles,
    requestLog,
    throttleOf,
    counters,
    codes,
    idTokenTamper: undefined as IdTokenTamper | undefined,
    registerTenant,
    findTenant,
    registerApp,
    takeFailure,
    count,
    countOf,
  };
}

export type SimState = ReturnType<typeof createState>;

function toList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function certificateOf(pem: string): SimCertificate {
  const cert = new X509Certificate(pem);
  return {
    publicKey: cert.publicKey,
    x5t: createHash('sha1').update(cert.raw).digest('base64url'),
    x5tS256: createHash('sha256').update(cert.raw).digest('base64url'),
  };
}
