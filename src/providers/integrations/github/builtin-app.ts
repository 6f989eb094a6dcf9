// The built-in GitHub App: the operator's own App, given in the server environment
// (SWITCHBOARD_GITHUB_APP_*), which platform health falls back to for a GitHub project whose
// workspace configured no GitHub integration of its own (integrations contract: "user-configured
// integration first, falls back to built-in App from server environment").
//
// It keeps a token cache: the App JWT (signed again well before its nine minutes end) and one
// installation token per installation (reused until five minutes before GitHub's `expires_at`).
// At start the cache is warmed: the JWT is signed and `GET /app` confirms that GitHub knows the
// App with this key. While that first answer is outstanding, and for at most WARM_UP_WINDOW_MS
// after the start, a check answers `initializing` at once (the contract: "server recently
// started; token cache is still warming up (transient, resolves within ~60s)"); after the window
// a check waits for the answer like any other call. A refused `GET /app` is not remembered: the
// next check asks again, so repairing the App at GitHub needs no restart.
import type { KeyObject } from 'node:crypto';
import type { OutboundRequestFn } from '../../outbound/outbound-client.ts';
import type { ProviderCheckResult } from '../../reason-codes.ts';
import type { ProviderBaseUrls } from '../base-urls.ts';
import { missingConfiguration, ok, result } from '../results.ts';
import { send } from '../send.ts';
import type { VerifyContext } from '../types.ts';
import { joinUrl } from '../url.ts';
import { fromGithubStatus, githubBase, githubHeaders } from './api.ts';
import { createInstallationToken, findRepoInstallation } from './app-auth.ts';
import { createAppJwt } from './app-jwt.ts';
import { readRepo, repoNameProblem } from './repo-access.ts';

/** The contract's "resolves within ~60s": the longest a check answers `initializing` after the start. */
export const WARM_UP_WINDOW_MS = 60_000;
/** GitHub accepts an App JWT for ten minutes; createAppJwt makes it nine, backdated one. */
const JWT_REUSE_MS = 7 * 60_000;
const INSTALLATION_TOKEN_MARGIN_MS = 5 * 60_000;
/** When GitHub gives no `expires_at` (it always does): an installation token lives an hour. */
const INSTALLATION_TOKEN_DEFAULT_MS = 60 * 60_000;

type BuiltinRepoCheck = { initializing: true; message: string } | { initializing: false; result: ProviderCheckResult };

export interface BuiltinGithubAppDeps {
  appId: string;
  key: KeyObject;
  /** The guarded outbound client, bound to the GitHub API origin. */
  fetch: OutboundRequestFn;
  baseUrls: ProviderBaseUrls;
  timeoutMs: number;
  /** Epoch milliseconds; tests move it. */
  now?: () => number;
  /** Told once per `GET /app` answer (never a key or token). */
  onVerified?: (outcome: ProviderCheckResult) => void;
}

export interface BuiltinGithubApp {
  readonly appId: string;
  /** Starts warming the cache (at start; does not wait for GitHub). */
  warm(): void;
  /** Can the built-in App read owner/repo? `initializing` while the warm-up is outstanding and recent. */
  checkRepo(owner: string, repo: string, signal?: AbortSignal): Promise<BuiltinRepoCheck>;
  /** Cancels a warm-up or verification still waiting for GitHub. */
  close(): void;
}

const LABEL = 'GitHub';

export function createBuiltinGithubApp(deps: BuiltinGithubAppDeps): BuiltinGithubApp {
  const now = deps.now ?? Date.now;
  const startedAt = now();
  const closing = new AbortController();
  let jwt: { value: string; renewAt: number } | null = null;
  const installationTokens = new Map<string, { token: string; renewAt: number }>();
  let verified = false;
  let verifying: Promise<ProviderCheckResult> | null = null;
  let warmUpPending = false;

  const ctxFor = (signal?: AbortSignal): VerifyContext => ({
    fetch: deps.fetch,
    baseUrls: deps.baseUrls,
    timeoutMs: deps.timeoutMs,
    signal: signal ? AbortSignal.any([signal, closing.signal]) : closing.signal,
  });

  async function appJwt(): Promise<string> {
    const t = now();
    if (jwt && t < jwt.renewAt) return jwt.value;
    const value = await createAppJwt(deps.appId, deps.key, Math.floor(t / 1000));
    jwt = { value, renewAt: t + JWT_REUSE_MS };
    return value;
  }

  async function askGithub(): Promise<ProviderCheckResult> {
    const ctx = ctxFor();
    const base = githubBase(ctx);
    if (!base.ok) return missingConfiguration('baseUrls.github', 'the GitHub API base URL is not configured correctly');
    const sent = await send(ctx, 'github', LABEL, joinUrl(base.url, '/app'), {
      headers: githubHeaders(`Bearer ${await appJwt()}`),
      credentialOrigin: base.url.origin,
    });
    if (!sent.ok) return sent.result;
    if (sent.response.status !== 200) return fromGithubStatus('github', LABEL, sent.response);
    const slug = sent.response.json<{ slug?: unknown }>()?.slug;
    return ok('GitHub accepted the app key', typeof slug === 'string' ? { appSlug: slug } : undefined);
  }

  /** One `GET /app` at a time; everyone waiting shares its answer. */
  function verify(): Promise<ProviderCheckResult> {
    verifying ??= askGithub()
      .catch(() => result('unknown_error', 'the GitHub App check failed unexpectedly'))
      .then((outcome) => {
        verifying = null;
        // Only one GET /app is ever outstanding, so this answer also ends a warm-up in progress.
        warmUpPending = false;
        if (outcome.reasonCode === 'ok') verified = true;
        deps.onVerified?.(outcome);
        return outcome;
      });
    return verifying;
  }

  async function installationToken(ctx: VerifyContext, base: URL, jwtValue: string, installationId: string): Promise<ProviderCheckResult | string> {
    const cached = installationTokens.get(installationId);
    if (cached && now() < cached.renewAt) return cached.token;
    const minted = await createInstallationToken(ctx, base, jwtValue, installationId);
    if (!minted.ok) return minted.result;
    const expiresAt = minted.value.expiresAt ?? now() + INSTALLATION_TOKEN_DEFAULT_MS;
    installationTokens.set(installationId, { token: minted.value.token, renewAt: expiresAt - INSTALLATION_TOKEN_MARGIN_MS });
    return minted.value.token;
  }

  async function readThroughApp(owner: string, repo: string, signal?: AbortSignal): Promise<ProviderCheckResult> {
    const ctx = ctxFor(signal);
    const base = githubBase(ctx);
    if (!base.ok) return missingConfiguration('baseUrls.github', 'the GitHub API base URL is not configured correctly');
    const jwtValue = await appJwt();
    const installation = await findRepoInstallation(ctx, base.url, jwtValue, owner, repo);
    if (!installation.ok) return installation.result;
    const token = await installationToken(ctx, base.url, jwtValue, installation.value);
    if (typeof token !== 'string') return token;
    const outcome = await readRepo(ctx, base.url, `Bearer ${token}`, owner, repo);
    // A token GitHub no longer accepts (the installation was suspended or removed) is not reused.
    if (outcome.reasonCode === 'authentication_failed') installationTokens.delete(installation.value);
    return outcome;
  }

  return {
    appId: deps.appId,
    warm() {
      if (verified || warmUpPending) return;
      warmUpPending = true;
      void verify();
    },
    async checkRepo(owner, repo, signal) {
      const badName = repoNameProblem(owner, repo);
      if (badName) return { initializing: false, result: badName };
      if (!verified) {
        const sinceStart = now() - startedAt;
        if (warmUpPending && sinceStart < WARM_UP_WINDOW_MS) {
          return {
            initializing: true,
            message: `the server started ${Math.floor(sinceStart / 1000)} s ago and the built-in GitHub App's token cache is still warming up (GitHub has not answered yet); this resolves within ${WARM_UP_WINDOW_MS / 1000} s of the start`,
          };
        }
        const outcome = await verify();
        if (outcome.reasonCode !== 'ok') return { initializing: false, result: outcome };
      }
      return { initializing: false, result: await readThroughApp(owner, repo, signal) };
    },
    close() {
      closing.abort();
    },
  };
}
