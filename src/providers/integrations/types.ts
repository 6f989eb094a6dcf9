import type { TSchema } from 'typebox';
import type { OutboundRequestFn } from '../outbound/outbound-client.ts';
import type { ProviderCheckResult } from '../reason-codes.ts';
import type { ProviderBaseUrls } from './base-urls.ts';
import type { IntegrationAuthType, IntegrationProvider, ProviderCategory } from './names.ts';

/** What every live check needs: the guarded outbound client and where the providers live. */
export interface VerifyContext {
  /** The guarded client from createOutboundClient (any function with its call signature in tests). */
  fetch: OutboundRequestFn;
  baseUrls: ProviderBaseUrls;
  /** Per outbound request. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export type Credentials = Record<string, unknown>;
export type IntegrationConfig = Record<string, unknown>;

interface VerifyInput {
  authType: string;
  credentials: Credentials;
  config?: IntegrationConfig | null;
}

export interface AuthTypeSpec {
  credentials: TSchema;
  config?: TSchema;
  /** Credential fields holding secret values (for last-four / fingerprint display and redaction). */
  secretFields: string[];
}

export interface ProviderSpec {
  provider: IntegrationProvider;
  category: ProviderCategory;
  displayName: string;
  authTypes: Partial<Record<IntegrationAuthType, AuthTypeSpec>>;
  /** One cheap real call; never throws; the result never carries a secret. */
  verify(input: VerifyInput, ctx: VerifyContext): Promise<ProviderCheckResult>;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

export interface ValidatedIntegrationInput {
  provider: IntegrationProvider;
  authType: IntegrationAuthType;
  credentials: Credentials;
  config?: IntegrationConfig;
}

/** Checks a schema cannot express (a URL parses, a PEM key loads); returns the failing field. */
export type Refinement = (credentials: Credentials, config: IntegrationConfig | undefined) => { field: string; message: string } | undefined;
