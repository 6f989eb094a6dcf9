import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

// Error bodies shaped like the real services': Entra's OAuth error JSON (error, error_description
// starting "AADSTS<code>:", error_codes, trace and correlation ids) and Graph's { error: {...} }.

interface AadstsEntry {
  status: number;
  error: string;
  text: (p: { clientId: string; tenant: string }) => string;
}

const AADSTS_CATALOG: Record<number, AadstsEntry> = {
  7000215: {
    status: 401,
    error: 'invalid_client',
    text: (p) =>
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${p.clientId}'.`,
  },
  7000222: {
    status: 401,
    error: 'invalid_client',
    text: (p) =>
      `The provided client secret keys for app '${p.clientId}' are expired. Visit the Azure portal to create new keys for your app, or consider using certificate credentials for added security.`,
  },
  700016: {
    status: 400,
    error: 'unauthorized_client',
    text: (p) =>
      `Application with identifier '${p.clientId}' was not found in the directory '${p.tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  },
  65001: {
    status: 400,
    error: 'invalid_grant',
    text: (p) =>
      `The user or administrator has not consented to use the application with ID '${p.clientId}'. Send an interactive authorization request for this user and resource.`,
  },
  90094: { status: 400, error: 'invalid_grant', text: () => 'The grant requires admin permission.' },
  90002: {
    status: 400,
    error: 'invalid_request',
    text: (p) => `Tenant '${p.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  },
  700027: { status: 401, error: 'invalid_client', text: () => 'Client assertion failed signature validation.' },
  700024: { status: 400, error: 'invalid_client', text: () => 'Client assertion is not within its valid time range.' },
  700021: { status: 400, error: 'invalid_client', text: () => "Client assertion application identifier doesn't match 'client_id' parameter." },
  7000218: {
    status: 401,
    error: 'invalid_client',
    text: () => "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  },
  70003: { status: 400, error: 'unsupported_grant_type', text: () => 'The app requested an unsupported grant type.' },
  70011: { status: 400, error: 'invalid_scope', text: () => "The provided value for the input parameter 'scope' is not valid." },
  50196: { status: 400, error: 'invalid_request', text: () => 'The server terminated an operation because it encountered a client request loop.' },
  50011: {
    status: 400,
    error: 'invalid_request',
    text: () => 'The redirect URI specified in the request does not match the redirect URIs configured for the application.',
  },
  900144: { status: 400, error: 'invalid_request', text: () => 'The request body must contain the following parameter.' },
  70000: { status: 400, error: 'invalid_grant', text: () => "The provided value for the 'code' parameter is not valid." },
  70008: { status: 400, error: 'invalid_grant', text: () => 'The provided authorization code or refresh token has expired due to inactivity.' },
  54005: {
    status: 400,
    error: 'invalid_grant',
    text: () => 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
  },
  700005: { status: 400, error: 'invalid_grant', text: () => 'Provided Authorization Code is intended to use against other tenant, thus rejected.' },
  50148: {
    status: 400,
    error: 'invalid_grant',
    text: () => 'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.',
  },
};

export interface EntraErrorOverrides {
  status?: number;
  error?: string;
  /** Replaces the text after "AADSTS<code>: ". */
  description?: string;
}

export function entraErrorBody(code: number, p: { clientId: string; tenant: string; authorityHost: string }, overrides: EntraErrorOverrides = {}) {
  const entry = AADSTS_CATALOG[code];
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  const text = overrides.description ?? entry?.text(p) ?? 'Simulated failure.';
  return {
    status: overrides.status ?? entry?.status ?? 400,
    body: {
      error: overrides.error ?? entry?.error ?? 'invalid_request',
      error_description: `AADSTS${code}: ${text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${p.authorityHost}/error?code=${code}`,
    },
  };
}

/** Entra's answer when it is throttling or unwell: no AADSTS number, just the OAuth error. */
export function entraUnavailableBody() {
  return {
    error: 'temporarily_unavailable',
    error_description: 'The service is temporarily unavailable. Please retry.',
    error_codes: [] as number[],
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  };
}

export function graphErrorBody(code: string, message: string, clientRequestId?: string) {
  return {
    error: {
      code,
      message,
      innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': randomUUID(), 'client-request-id': clientRequestId ?? randomUUID() },
    },
  };
}

export const GRAPH_STATUS_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'Authorization_RequestDenied',
  404: 'Request_ResourceNotFound',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceNotAvailable',
  504: 'GatewayTimeout',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
