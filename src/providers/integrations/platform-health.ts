// Building blocks for the platform health route: the same adapter calls as verification, shaped
// as a health entry. They never throw and never put a secret into the message.
import type { ReasonCode } from '../reason-codes.ts';
import { azureDevOpsConnection } from './azure-devops/connection.ts';
import type { BuiltinGithubApp } from './github/builtin-app.ts';
import { githubRepoAccess } from './github/repo-access.ts';
import { collectSecrets, redactResult } from './redact.ts';
import type { Credentials, VerifyContext } from './types.ts';
import { result } from './results.ts';
import type { ProviderCheckResult } from '../reason-codes.ts';

export interface PlatformHealthCheck {
  status: 'healthy' | 'unhealthy';
  message: string;
  latencyMs: number;
  reasonCode: ReasonCode;
  details?: Record<string, unknown>;
}

const SECRET_FIELDS = ['token', 'privateKey', 'client_secret'];

async function asHealth(credentials: Credentials, run: () => Promise<ProviderCheckResult>): Promise<PlatformHealthCheck> {
  const started = performance.now();
  let outcome: ProviderCheckResult;
  try {
    outcome = await run();
  } catch {
    outcome = result('unknown_error', 'the platform health check failed unexpectedly');
  }
  const safe = credentials && typeof credentials === 'object' ? redactResult(outcome, collectSecrets(credentials, SECRET_FIELDS)) : outcome;
  return {
    status: safe.reasonCode === 'ok' ? 'healthy' : 'unhealthy',
    message: safe.message,
    latencyMs: Math.round(performance.now() - started),
    reasonCode: safe.reasonCode,
    ...(safe.details ? { details: safe.details } : {}),
  };
}

/** GitHub PAT `{token}` or App `{appId, privateKey}`: can these credentials read owner/repo? */
export function checkGithubRepoAccess(credentials: Credentials, owner: string, repo: string, ctx: VerifyContext): Promise<PlatformHealthCheck> {
  return asHealth(credentials, () => githubRepoAccess(credentials, owner, repo, ctx));
}

/** Azure DevOps PAT or service principal: does the organization's connectiondata answer 200? */
export function checkAzureDevOpsConnection(credentials: Credentials, ctx: VerifyContext): Promise<PlatformHealthCheck> {
  return asHealth(credentials, () => azureDevOpsConnection(credentials, ctx));
}

/** The server's built-in GitHub App (no credentials of the workspace involved): `initializing` while its cache warms. */
export async function checkWithBuiltinGithubApp(
  app: BuiltinGithubApp,
  owner: string,
  repo: string,
  signal: AbortSignal,
): Promise<PlatformHealthCheck | { status: 'initializing'; message: string }> {
  const started = performance.now();
  let check: Awaited<ReturnType<BuiltinGithubApp['checkRepo']>>;
  try {
    check = await app.checkRepo(owner, repo, signal);
  } catch {
    check = { initializing: false, result: result('unknown_error', 'the platform health check failed unexpectedly') };
  }
  if (check.initializing) return { status: 'initializing', message: check.message };
  const outcome = check.result;
  return {
    status: outcome.reasonCode === 'ok' ? 'healthy' : 'unhealthy',
    message: `built-in GitHub App (server configuration): ${outcome.message}`,
    latencyMs: Math.round(performance.now() - started),
    reasonCode: outcome.reasonCode,
    ...(outcome.details ? { details: outcome.details } : {}),
  };
}
