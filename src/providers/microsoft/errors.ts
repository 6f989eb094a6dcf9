import type { ProviderCheckResult, ReasonCode } from '../reason-codes.ts';
import { firstLine, sanitizeMessage } from './sanitize.ts';

/** A Microsoft failure turned into data: a stable reason code, a safe message, what to do next. */
export interface MicrosoftErrorInfo {
  reasonCode: ReasonCode;
  message: string;
  nextSteps: string[];
  /** The AADSTS number as a string, e.g. "7000215", when Entra gave one. */
  aadsts?: string;
  httpStatus?: number;
  /** Graph's error.code or Entra's `error` (e.g. "invalid_client"). */
  providerCode?: string;
  retryAfterSeconds?: number;
  /** Support identifiers Microsoft returns; never secret. */
  traceId?: string;
  correlationId?: string;
  requestId?: string;
}

export class MicrosoftProviderError extends Error {
  readonly reasonCode: ReasonCode;
  readonly nextSteps: string[];
  readonly aadsts: string | undefined;
  readonly httpStatus: number | undefined;
  readonly info: MicrosoftErrorInfo;

  constructor(info: MicrosoftErrorInfo) {
    super(info.message);
    this.name = 'MicrosoftProviderError';
    this.reasonCode = info.reasonCode;
    this.nextSteps = info.nextSteps;
    this.aadsts = info.aadsts;
    this.httpStatus = info.httpStatus;
    this.info = info;
  }

  /** Secret-free details suitable for a run's failure summary or a check result. */
  details(): Record<string, unknown> {
    const { message: _m, reasonCode: _r, ...rest } = this.info;
    return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  }

  toCheckResult(latencyMs?: number): ProviderCheckResult {
    return { reasonCode: this.reasonCode, message: this.message, details: this.details(), ...(latencyMs === undefined ? {} : { latencyMs }) };
  }

  toJSON(): MicrosoftErrorInfo {
    return { ...this.info };
  }
}

const CONSENT_STEP =
  'Have a Global Administrator or Privileged Role Administrator of the customer tenant open the admin-consent link and approve the requested Microsoft Graph permissions.';
const ROTATE_SECRET_STEP = "Create a new client secret under the app registration's Certificates & secrets and rotate the connection's credential.";

interface AadstsRule {
  reasonCode: ReasonCode;
  summary: string;
  nextSteps: string[];
}

// Entra's AADSTS numbers are the stable part of its errors (the text changes); the ones an
// app-only client-credentials flow meets are listed. Anything else falls back on the OAuth `error`.
const AADSTS_RULES: Record<string, AadstsRule> = {
  '7000215': {
    reasonCode: 'authentication_failed',
    summary: 'Invalid client secret.',
    nextSteps: ["Check that the stored value is the client secret's Value, not its Secret ID.", ROTATE_SECRET_STEP],
  },
  '7000222': {
    reasonCode: 'authentication_failed',
    summary: 'The client secret has expired.',
    nextSteps: [ROTATE_SECRET_STEP],
  },
  '700027': {
    reasonCode: 'authentication_failed',
    summary: 'The certificate client assertion was rejected.',
    nextSteps: [
      'Make sure the certificate uploaded to the app registration is the one whose private key is stored on the connection, and that it has not expired.',
    ],
  },
  '700024': {
    reasonCode: 'authentication_failed',
    summary: 'The client assertion is outside its valid time range.',
    nextSteps: ["Check the Switchboard host's clock (NTP) and retry."],
  },
  '700021': {
    reasonCode: 'authentication_failed',
    summary: "The client assertion's issuer does not match the client id.",
    nextSteps: ['Check that the client id stored on the connection is the application (client) id of the app registration.'],
  },
  '7000218': {
    reasonCode: 'missing_configuration',
    summary: 'No client secret or client assertion was sent.',
    nextSteps: ["Attach a client secret or certificate to the connection's credential."],
  },
  '700016': {
    reasonCode: 'permission_denied',
    summary: 'The application was not found in the tenant (consent missing or wrong client id).',
    nextSteps: ['Check that the client id and the Entra tenant id of the connection are correct.', CONSENT_STEP],
  },
  '65001': {
    reasonCode: 'permission_denied',
    summary: 'Consent has not been granted for the application.',
    nextSteps: [CONSENT_STEP],
  },
  '90094': {
    reasonCode: 'permission_denied',
    summary: 'Administrator consent is required.',
    nextSteps: [CONSENT_STEP],
  },
  '500011': {
    reasonCode: 'permission_denied',
    summary: 'Microsoft Graph is not available to the application in this tenant.',
    nextSteps: [CONSENT_STEP],
  },
  '90002': {
    reasonCode: 'invalid_state',
    summary: 'The Entra tenant was not found.',
    nextSteps: [
      "Check the connection's Entra tenant id (directory id or verified domain).",
      'If the tenant was created minutes ago, wait and retry; if it was deleted, disable the connection.',
    ],
  },
  '900023': {
    reasonCode: 'invalid_state',
    summary: 'The Entra tenant identifier is not valid.',
    nextSteps: ["Check the connection's Entra tenant id (directory id or verified domain)."],
  },
  '50196': {
    reasonCode: 'throttled',
    summary: 'Entra detected a request loop and throttled the client.',
    nextSteps: ['Retry later; the token is cached, so repeated failures point at a caller retrying too fast.'],
  },
};

const THROTTLED_STEPS = (retryAfter?: number) => [
  retryAfter === undefined
    ? 'Microsoft is throttling this tenant or app: retry later.'
    : `Microsoft is throttling this tenant or app: retry after ${retryAfter} seconds.`,
];

/** Graph's Retry-After for this app and tenant (told to another caller) lasts longer than a call may wait: nothing was sent. */
export function throttledWhileBlocked(retryAfterSeconds: number): MicrosoftErrorInfo {
  return {
    reasonCode: 'throttled',
    httpStatus: 429,
    message: `Microsoft Graph is throttling this app in this tenant for another ${retryAfterSeconds} seconds; no request was sent before its Retry-After.`,
    nextSteps: THROTTLED_STEPS(retryAfterSeconds),
    retryAfterSeconds,
  };
}
const UNREACHABLE_STEPS = [
  'Check outbound connectivity from Switchboard to the Microsoft endpoints (proxy, firewall, DNS).',
  'Check Microsoft 365 service health, then retry.',
];

interface EntraErrorBody {
  error?: unknown;
  error_description?: unknown;
  error_codes?: unknown;
  trace_id?: unknown;
  correlation_id?: unknown;
}

export interface MapInput {
  status: number;
  body: unknown;
  retryAfterSeconds?: number;
  /** Values to strip from any text that ends up in the message. */
  secrets?: readonly string[];
}

/** Maps an error answer of the Entra token endpoint (or of the admin-consent redirect). */
export function mapEntraError(input: MapInput): MicrosoftErrorInfo {
  const body = (isObject(input.body) ? input.body : {}) as EntraErrorBody;
  const oauthError = typeof body.error === 'string' ? body.error : undefined;
  const description = typeof body.error_description === 'string' ? body.error_description : '';
  const aadsts = aadstsOf(body.error_codes, description);
  const ids = {
    traceId: typeof body.trace_id === 'string' ? sanitizeMessage(body.trace_id) : undefined,
    correlationId: typeof body.correlation_id === 'string' ? sanitizeMessage(body.correlation_id) : undefined,
  };
  const base = { httpStatus: input.status, providerCode: oauthError, aadsts, ...ids };
  const described = description ? sanitizeMessage(firstLine(description), input.secrets) : '';

  if (input.status === 429) {
    return {
      ...base,
      reasonCode: 'throttled',
      message: described || 'Entra ID throttled the token request.',
      nextSteps: THROTTLED_STEPS(input.retryAfterSeconds),
      retryAfterSeconds: input.retryAfterSeconds,
    };
  }
  const rule = aadsts ? AADSTS_RULES[aadsts] : undefined;
  if (rule) {
    return {
      ...base,
      reasonCode: rule.reasonCode,
      message: described || `AADSTS${aadsts}: ${rule.summary}`,
      nextSteps: [...rule.nextSteps],
      ...(rule.reasonCode === 'throttled' ? { retryAfterSeconds: input.retryAfterSeconds } : {}),
    };
  }
  if (input.status >= 500) {
    return {
      ...base,
      reasonCode: 'dependency_unreachable',
      message: described || `Entra ID answered HTTP ${input.status}.`,
      nextSteps: [...UNREACHABLE_STEPS],
    };
  }
  const byOauth = oauthError ? OAUTH_ERRORS[oauthError] : undefined;
  return {
    ...base,
    reasonCode: byOauth?.reasonCode ?? 'unknown_error',
    message: described || `Entra ID refused the token request${oauthError ? ` (${sanitizeMessage(oauthError)})` : ''}.`,
    nextSteps: byOauth ? [...byOauth.nextSteps] : ['Check the connection configuration; if the problem persists contact support with the trace id.'],
  };
}

const OAUTH_ERRORS: Record<string, { reasonCode: ReasonCode; nextSteps: string[] }> = {
  invalid_client: { reasonCode: 'authentication_failed', nextSteps: [ROTATE_SECRET_STEP] },
  unauthorized_client: { reasonCode: 'permission_denied', nextSteps: [CONSENT_STEP] },
  invalid_grant: { reasonCode: 'permission_denied', nextSteps: [CONSENT_STEP] },
  invalid_scope: { reasonCode: 'missing_configuration', nextSteps: ['Check the configured Microsoft Graph scope.'] },
  temporarily_unavailable: { reasonCode: 'dependency_unreachable', nextSteps: [...UNREACHABLE_STEPS] },
};

interface GraphErrorBody {
  error?: { code?: unknown; message?: unknown; innerError?: { 'request-id'?: unknown; 'client-request-id'?: unknown } };
}

/** Maps an error answer of Microsoft Graph. `requiredPermissions` names what the call needed. */
export function mapGraphError(input: MapInput & { requiredPermissions?: readonly string[] }): MicrosoftErrorInfo {
  const err = (isObject(input.body) ? (input.body as GraphErrorBody).error : undefined) ?? {};
  const code = typeof err.code === 'string' ? sanitizeMessage(err.code) : undefined;
  const text = typeof err.message === 'string' ? sanitizeMessage(firstLine(err.message), input.secrets) : '';
  const requestId = err.innerError && typeof err.innerError['request-id'] === 'string' ? sanitizeMessage(err.innerError['request-id']) : undefined;
  const base = { httpStatus: input.status, providerCode: code, requestId };
  const suffix = text ? `: ${text}` : '.';

  if (input.status === 429) {
    return {
      ...base,
      reasonCode: 'throttled',
      message: `Microsoft Graph throttled the request${suffix}`,
      nextSteps: THROTTLED_STEPS(input.retryAfterSeconds),
      retryAfterSeconds: input.retryAfterSeconds,
    };
  }
  if (input.status >= 500) {
    return {
      ...base,
      reasonCode: 'dependency_unreachable',
      message: `Microsoft Graph answered HTTP ${input.status}${suffix}`,
      nextSteps: [...UNREACHABLE_STEPS],
    };
  }
  if (input.status === 401) {
    return {
      ...base,
      reasonCode: 'authentication_failed',
      message: `Microsoft Graph rejected the access token${suffix}`,
      nextSteps: ['Retry; if it persists, verify the connection to check its Entra tenant id and credential.'],
    };
  }
  if (input.status === 403) {
    const needs = input.requiredPermissions?.length ? ` (${input.requiredPermissions.join(', ')})` : '';
    return {
      ...base,
      reasonCode: 'permission_denied',
      message: `Microsoft Graph denied the request${suffix}`,
      nextSteps: [`Add the Microsoft Graph application permissions this operation needs${needs} to the app registration.`, CONSENT_STEP],
    };
  }
  if (input.status === 404) {
    return {
      ...base,
      reasonCode: 'invalid_state',
      message: `Microsoft Graph could not find the resource${suffix}`,
      nextSteps: ['Check that the tenant has the service this operation reads (e.g. an Intune licence for managed devices).'],
    };
  }
  return {
    ...base,
    reasonCode: 'unknown_error',
    message: `Microsoft Graph answered HTTP ${input.status}${suffix}`,
    nextSteps: ['Retry; if the problem persists contact support with the request id.'],
  };
}

export type TransportFailure = 'timeout' | 'network' | 'invalid_response';

/** Network failures, timeouts and unreadable answers: Microsoft could not be reached properly. */
export function mapTransportError(kind: TransportFailure, target: 'Entra ID' | 'Microsoft Graph', timeoutMs?: number): MicrosoftErrorInfo {
  const message =
    kind === 'timeout'
      ? `${target} did not answer within ${timeoutMs ?? '?'} ms.`
      : kind === 'network'
        ? `${target} could not be reached.`
        : `${target} returned a response that could not be read.`;
  return { reasonCode: kind === 'invalid_response' ? 'unknown_error' : 'dependency_unreachable', message, nextSteps: [...UNREACHABLE_STEPS] };
}

function aadstsOf(codes: unknown, description: string): string | undefined {
  if (Array.isArray(codes) && (typeof codes[0] === 'number' || typeof codes[0] === 'string') && /^\d+$/.test(String(codes[0]))) {
    return String(codes[0]);
  }
  return /AADSTS(\d+)/.exec(description)?.[1];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
