// GET /sfp/api/integrations/platforms/health: for each registered project (or the one named),
// resolve the integration for its platform with the one resolution rule, open its credential
// for use in this process, and make the platform's cheap call — GitHub `GET /repos/{owner}/{repo}`
// (an App first finds its installation and takes an installation token), Azure DevOps
// `GET {organization}/_apis/connectiondata`. The database work happens in one short transaction;
// the calls run afterwards, at most `concurrency` at a time, each bounded by `timeoutMs`.
//
// Any principal of the workspace may call it (the contract: "any authenticated role (Owner, Member,
// or Application token)"); an application token's project narrowing still applies.
//
// GitHub: "user-configured integration first, falls back to built-in App from server
// environment". A GitHub project with no integration of its workspace (none scoped to it, no
// GitHub default) is checked with the built-in App when the server has one
// (SWITCHBOARD_GITHUB_APP_*, providers/integrations/github/builtin-app.ts). That App is the only
// source of `initializing`: its token cache warms at start, and until GitHub first answered (at
// most 60 s after the start) its projects report `initializing` rather than wait.
import { type OutboundObserver, observed } from '../../providers/outbound/observed.ts';
import type { Db } from '../../db/database.ts';
import type { ProviderBaseUrls } from '../../providers/integrations/base-urls.ts';
import type { IntegrationProvider } from '../../providers/integrations/names.ts';
import type { BuiltinGithubApp } from '../../providers/integrations/github/builtin-app.ts';
import { checkAzureDevOpsConnection, checkGithubRepoAccess, checkWithBuiltinGithubApp } from '../../providers/integrations/platform-health.ts';
import type { PlatformHealthCheck } from '../../providers/integrations/platform-health.ts';
import type { OutboundRequestFn } from '../../providers/outbound/outbound-client.ts';
import { inWorkspace } from '../access/in-workspace.ts';
import type { RequestContext } from '../context.ts';
import type { Vault } from '../vault/vault.ts';
import { assertProjectAllowed, narrowingOf, workspaceOf } from './access.ts';
import { bindToOrigins } from './credential-origins.ts';
import { findProject, listProjects } from './project-repository.ts';
import { listDefaultCandidates, scopedForProjects } from './integration-repository.ts';
import { pickResolved, projectNotFound } from './resolve.ts';
import type { IntegrationRow, ProjectRow } from './types.ts';
import { openCredentials } from './verification.ts';

export interface PlatformComponentHealth {
  provider: 'github' | 'azure-devops' | 'none';
  project: string;
  status: 'healthy' | 'unhealthy' | 'not_configured' | 'initializing';
  message: string;
  latency?: number;
  reasonCode?: string;
  integrationId?: string;
}

export interface PlatformHealthResult {
  status: 'healthy' | 'degraded' | 'unhealthy';
  timestamp: string;
  platforms: PlatformComponentHealth[];
}

export interface PlatformHealthDeps {
  db: Db;
  vault: Vault;
  fetch: OutboundRequestFn;
  /** Times each call to the platform (metrics). */
  observe?: OutboundObserver;
  baseUrls: ProviderBaseUrls;
  timeoutMs: number;
  concurrency: number;
  checkTimeoutMs: number;
  /** The server's own GitHub App, when SWITCHBOARD_GITHUB_APP_* configure one. */
  builtinGithubApp?: BuiltinGithubApp | null;
}

interface Target {
  project: ProjectRow;
  integration: IntegrationRow | null;
  credentials: Record<string, unknown> | null;
}

/** healthy: every project healthy; degraded: some; unhealthy: none (an empty registry has nothing unhealthy). */
export function overallStatus(platforms: readonly PlatformComponentHealth[]): PlatformHealthResult['status'] {
  const healthy = platforms.filter((p) => p.status === 'healthy').length;
  if (healthy === platforms.length) return 'healthy';
  return healthy > 0 ? 'degraded' : 'unhealthy';
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping the order of `items`. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function withTimeout<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T | PlatformHealthCheck> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<PlatformHealthCheck>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ status: 'unhealthy', message: `the health check did not finish within ${ms} ms`, latencyMs: ms, reasonCode: 'dependency_unreachable' });
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export function createPlatformHealthService(deps: PlatformHealthDeps) {
  const { db, vault } = deps;

  async function load(ctx: RequestContext, workspaceId: string, project: string | undefined): Promise<Target[]> {
    const n = narrowingOf(ctx.principal);
    if (project !== undefined) assertProjectAllowed(n, project);
    return inWorkspace(db, ctx, workspaceId, null, async (q) => {
      let projects: ProjectRow[];
      if (project !== undefined) {
        const p = await findProject(q, workspaceId, project);
        if (!p) throw projectNotFound(project);
        projects = [p];
      } else {
        projects = await listProjects(q, workspaceId, n.projects);
      }
      if (projects.length === 0) return [];
      const scoped = await scopedForProjects(
        q,
        workspaceId,
        projects.map((p) => p.id),
        ['github', 'azure-devops'],
      );
      const defaults = await listDefaultCandidates(q, workspaceId);
      const opened = new Map<string, Record<string, unknown> | null>();
      const targets: Target[] = [];
      for (const p of projects) {
        const own = scoped.filter((s) => s.project_id === p.id);
        const resolved = pickResolved(own, defaults, p.platform as IntegrationProvider);
        const integration = resolved?.integration ?? null;
        if (integration && !opened.has(integration.id)) opened.set(integration.id, await openCredentials(vault, q, integration));
        targets.push({ project: p, integration, credentials: integration ? (opened.get(integration.id) ?? null) : null });
      }
      return targets;
    });
  }

  async function checkOne(t: Target): Promise<PlatformComponentHealth> {
    const { project, integration, credentials } = t;
    const platform = project.platform;
    const builtin = deps.builtinGithubApp;
    if (!integration && platform === 'github' && builtin) {
      const [owner, repo] = project.identifier.split('/');
      const check = await withTimeout(deps.checkTimeoutMs, (signal) => checkWithBuiltinGithubApp(builtin, owner, repo, signal));
      return {
        provider: 'github',
        project: project.identifier,
        status: check.status,
        message: check.message,
        ...(check.status === 'initializing' ? {} : { latency: check.latencyMs, reasonCode: check.reasonCode }),
      };
    }
    if (!integration || !credentials) {
      return {
        provider: 'none',
        project: project.identifier,
        status: 'not_configured',
        message: `no ${platform} integration is configured for this project (no project-scoped integration and no ${platform} default)`,
      };
    }
    if (platform === 'github' && integration.auth_type === 'oauth') {
      return {
        provider: platform,
        project: project.identifier,
        status: 'unhealthy',
        message: 'OAuth App client credentials cannot read repositories; configure a GitHub App or a personal access token',
        reasonCode: 'missing_configuration',
        integrationId: integration.id,
      };
    }
    const check = await withTimeout(deps.checkTimeoutMs, (signal) => {
      const ctx = {
        fetch: observed(bindToOrigins(deps.fetch, integration.credential_origins), platform, deps.observe),
        baseUrls: deps.baseUrls,
        timeoutMs: deps.timeoutMs,
        signal,
      };
      if (platform === 'github') {
        const [owner, repo] = project.identifier.split('/');
        return checkGithubRepoAccess(credentials, owner, repo, ctx);
      }
      return checkAzureDevOpsConnection(credentials, ctx);
    });
    return {
      provider: platform,
      project: project.identifier,
      status: check.status,
      message: check.message,
      latency: check.latencyMs,
      reasonCode: check.reasonCode,
      integrationId: integration.id,
    };
  }

  return {
    async check(ctx: RequestContext, project?: string): Promise<PlatformHealthResult> {
      const workspaceId = workspaceOf(ctx.principal);
      const targets = await load(ctx, workspaceId, project);
      const platforms = await mapBounded(targets, deps.concurrency, checkOne);
      return { status: overallStatus(platforms), timestamp: new Date().toISOString(), platforms };
    },
  };
}

export type PlatformHealthService = ReturnType<typeof createPlatformHealthService>;
