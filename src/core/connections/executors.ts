// The four Microsoft run types, executed by the core's run engine. Each one loads the connection,
// re-checks the start preconditions (the connection may have been disabled since), opens the
// credential inside this process, calls the adapter in src/providers/microsoft, and records what
// the outcome means for the connection (connection-state.ts) before the run completes.
import type { MicrosoftConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { MicrosoftProviderError } from '../../providers/microsoft/errors.ts';
import { complianceSnapshot } from '../../providers/microsoft/operations/compliance-snapshot.ts';
import type { MicrosoftOperationContext } from '../../providers/microsoft/operations/context.ts';
import { healthCheck } from '../../providers/microsoft/operations/health-check.ts';
import { inventory } from '../../providers/microsoft/operations/inventory.ts';
import { verifyConnection, type VerificationReport } from '../../providers/microsoft/operations/verification.ts';
import type { TokenClient } from '../../providers/microsoft/token-client.ts';
import type { RunExecutionContext, RunType } from '../runs/run-engine.ts';
import type { RunProgress } from '../runs/run-record.ts';
import type { RunCompletion } from '../runs/run-repository.ts';
import type { Keyring } from '../vault/keyring.ts';
import type { Vault } from '../vault/vault.ts';
import { nextCheckIn } from './check-schedule.ts';
import { type ConnectionRecord, RETRY_WHEN_WORKER_LOST, RUN_TYPES, type RunKind } from './connection-record.ts';
import { findConnection, updateConnection } from './connection-repository.ts';
import { afterCheck, type CheckOutcome } from './connection-state.ts';
import { openCredential, platformCredential, platformFingerprint } from './credentials.ts';
import { runBudgets } from './graph-budgets.ts';
import { deleteOlderInventory, insertInventoryPage } from './inventory-repository.ts';
import { blockedReason } from './run-start.ts';

export interface ExecutorDeps {
  db: Db;
  vault: Vault;
  keyring: Keyring;
  /** Where Entra and Graph are, the platform app, and the schedule the next check is set by. */
  config: {
    microsoft: Pick<
      MicrosoftConfig,
      | 'authorityHost'
      | 'graphBaseUrl'
      | 'requestTimeoutMs'
      | 'platformClientId'
      | 'platformClientSecret'
      | 'healthCheckIntervalSeconds'
      | 'healthCheckJitterSeconds'
      | 'graphPacePerSecond'
      | 'graphBurst'
    >;
  };
  tokenClient: TokenClient;
  /** The fetch Graph calls go through (timed for the metrics); the global one otherwise. */
  fetch?: typeof fetch;
}

interface Prepared {
  conn: ConnectionRecord;
  op: MicrosoftOperationContext;
  fingerprint: string;
}

const unique = (xs: string[]) => [...new Set(xs)];

export function microsoftExecutors(deps: ExecutorDeps): Record<string, RunType> {
  const { db, config } = deps;

  async function prepare(ctx: RunExecutionContext, kind: RunKind): Promise<Prepared | RunCompletion> {
    const { run } = ctx;
    const loaded = await db.workspaceTx(run.workspace_id, async (q) => {
      const conn = await findConnection(q, { id: run.target_id! });
      if (!conn || blockedReason(conn, kind, config)) return { conn, credential: null };
      return { conn, credential: conn.connection_type === 'platform' ? platformCredential(config) : await openCredential(deps.vault, q, conn) };
    });
    if (!loaded.conn) return { outcome: 'failed', reasonCode: 'invalid_state', failureSummary: 'The connection no longer exists.' };
    const blocked = blockedReason(loaded.conn, kind, config);
    if (blocked) return { outcome: 'blocked', reasonCode: blocked.reasonCode, failureSummary: blocked.message, nextSteps: blocked.nextSteps };
    if (!loaded.credential) return { outcome: 'blocked', reasonCode: 'missing_configuration', failureSummary: 'The connection has no usable credential.' };
    const conn = loaded.conn;
    // One progress for the run: what the operation reports, and the throttle budget as it met it.
    let progress: RunProgress = {};
    const report = (p: RunProgress) => {
      progress = { ...progress, ...p };
      void ctx.progress(progress).catch(() => {});
    };
    const settings = { pacePerSecond: config.microsoft.graphPacePerSecond, burst: config.microsoft.graphBurst };
    return {
      conn,
      fingerprint: conn.connection_type === 'platform' ? (platformFingerprint(deps.keyring, config) ?? 'platform') : conn.credential_fingerprint!,
      op: {
        endpoints: { authorityHost: config.microsoft.authorityHost, graphBaseUrl: config.microsoft.graphBaseUrl },
        tokenClient: deps.tokenClient,
        entraTenantId: conn.entra_tenant_id,
        credential: loaded.credential,
        signal: ctx.signal,
        graph: { timeoutMs: config.microsoft.requestTimeoutMs, fetch: deps.fetch },
        budgets: runBudgets(db, settings, (throttle) => report({ throttle })),
        onProgress: (p) => report({ done: p.done, total: p.total, message: p.message }),
      },
    };
  }

  async function record(
    p: Prepared,
    outcome: Omit<CheckOutcome, 'credentialFingerprint' | 'nextCheckInSeconds'>,
    extra: { verification?: VerificationReport['overall'] } = {},
  ) {
    await db.workspaceTx(p.conn.workspace_id, async (q) => {
      const current = await findConnection(q, { id: p.conn.id }, true);
      if (!current) return;
      const patch = afterCheck(current, { ...outcome, credentialFingerprint: p.fingerprint, nextCheckInSeconds: nextCheckIn(config.microsoft) });
      await updateConnection(q, current.id, extra.verification ? { ...patch, verification_status: extra.verification } : patch);
    });
  }

  /** A provider failure thrown by an operation: recorded on the connection, returned as a failed run. */
  async function failed(p: Prepared, err: MicrosoftProviderError, isHealthCheck: boolean): Promise<RunCompletion> {
    const consentProblem = err.reasonCode === 'permission_denied' && err.aadsts !== undefined;
    await record(p, { reasonCode: err.reasonCode, message: err.message, consentProblem, isHealthCheck });
    return { outcome: 'failed', reasonCode: err.reasonCode, failureSummary: err.message, nextSteps: err.nextSteps, summary: { details: err.details() } };
  }

  const run = (kind: RunKind, body: (p: Prepared, ctx: RunExecutionContext) => Promise<RunCompletion>): RunType => ({
    retryWhenWorkerLost: RETRY_WHEN_WORKER_LOST[kind],
    async execute(ctx) {
      const p = await prepare(ctx, kind);
      if (!('op' in p)) return p;
      try {
        return await body(p, ctx);
      } catch (err) {
        if (err instanceof MicrosoftProviderError && !ctx.signal.aborted) return failed(p, err, kind === 'healthCheck' || kind === 'verification');
        throw err;
      }
    },
  });

  return {
    [RUN_TYPES.healthCheck]: run('healthCheck', async (p) => {
      const r = await healthCheck(p.op);
      const details = (r.details ?? {}) as Record<string, unknown>;
      const consentProblem = r.reasonCode === 'permission_denied' && details.aadsts !== undefined;
      await record(p, { reasonCode: r.reasonCode, message: r.message, consentProblem, isHealthCheck: true });
      const summary = { latency_ms: r.latencyMs ?? null, ...details };
      if (r.reasonCode === 'ok') return { outcome: 'succeeded', reasonCode: 'ok', summary };
      const nextSteps = Array.isArray(details.nextSteps) ? (details.nextSteps as string[]) : [];
      return { outcome: 'failed', reasonCode: r.reasonCode, failureSummary: r.message, nextSteps, summary };
    }),

    [RUN_TYPES.verification]: run('verification', async (p) => {
      const report = await verifyConnection(p.op);
      const failing = report.checks.find((c) => c.status === 'fail');
      const warning = report.checks.find((c) => c.status === 'warn');
      const degraded = report.overall === 'degraded';
      const consentProblem =
        !!failing &&
        ((failing.name === 'token_acquisition' && failing.reasonCode === 'permission_denied' && failing.details?.aadsts !== undefined) ||
          failing.name === 'app_roles');
      const subject = failing ?? warning;
      await record(
        p,
        { reasonCode: subject?.reasonCode ?? 'ok', message: subject?.message, consentProblem, degraded, isHealthCheck: true },
        { verification: report.overall },
      );
      const nextSteps = unique(report.checks.flatMap((c) => c.nextSteps));
      const summary = { overall: report.overall, checks: report.checks.map((c) => ({ name: c.name, status: c.status, reason_code: c.reasonCode })) };
      if (report.overall === 'healthy') return { outcome: 'succeeded', reasonCode: 'ok', summary, result: report };
      return {
        outcome: degraded ? 'partially_succeeded' : 'failed',
        reasonCode: report.reasonCode,
        failureSummary: subject?.message ?? null,
        nextSteps,
        summary,
        result: report,
      };
    }),

    [RUN_TYPES.inventory]: run('inventory', async (p, ctx) => {
      const where = { workspaceId: p.conn.workspace_id, connectionId: p.conn.id, runId: ctx.run.id };
      const r = await inventory(p.op, {
        sink: (collection, items) => insertInventoryPage(db, where, collection, items),
        pageSize: 999,
      });
      const completed = Object.values(r.collections).filter((c) => c.status === 'completed').length;
      const failedOne = Object.values(r.collections).find((c) => c.status === 'failed');
      await record(p, { reasonCode: r.reasonCode, message: failedOne?.message, degraded: r.reasonCode !== 'ok' && completed > 0, isHealthCheck: false });
      const summary = {
        counts: r.counts,
        collections: Object.fromEntries(
          Object.entries(r.collections).map(([name, c]) => [name, { status: c.status, count: c.count, pages: c.pages, reason_code: c.reasonCode }]),
        ),
      };
      if (r.reasonCode === 'ok') {
        await deleteOlderInventory(db, where);
        return { outcome: 'succeeded', reasonCode: 'ok', summary };
      }
      return {
        outcome: completed > 0 ? 'partially_succeeded' : 'failed',
        reasonCode: r.reasonCode,
        failureSummary: failedOne?.message ?? null,
        nextSteps: unique(Object.values(r.collections).flatMap((c) => c.nextSteps ?? [])),
        summary,
      };
    }),

    [RUN_TYPES.complianceSnapshot]: run('complianceSnapshot', async (p) => {
      const s = await complianceSnapshot(p.op);
      await record(p, { reasonCode: 'ok', isHealthCheck: false });
      const summary = { source: s.source, total: s.total, counts: s.counts, captured_at: s.capturedAt };
      return { outcome: 'succeeded', reasonCode: 'ok', summary, result: summary };
    }),
  };
}
