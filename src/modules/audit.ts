// The audit trail's moving parts in a running service: the denial recorder the central error
// path uses (decorated on the root instance), and, in processes that execute operation runs (the
// ones that own periodic work: `serve` with inline workers, and `worker`), the checkpoint writer
// and the sweep that summarises closed denial buckets. CLI commands start neither.
import type { FastifyInstance } from 'fastify';
import type { Core, FeatureModule } from './feature.ts';
import { auditKeysOf, createAuditKeys } from '../core/audit/audit-keys.ts';
import { type CheckpointWriter, createCheckpointWriter } from '../core/audit/checkpoint-writer.ts';
import { fileCheckpointSink } from '../core/audit/checkpoints.ts';
import { createDenialRecorder, type DenialRecorder } from '../core/audit/denials.ts';
import '../core/audit/refusal-audit.ts';

export interface AuditModule extends FeatureModule {
  denials: DenialRecorder;
  /** null when checkpoints are off (SWITCHBOARD_AUDIT_CHECKPOINT_INTERVAL_SECONDS=0). */
  checkpoints: CheckpointWriter | null;
}

export function auditModule(core: Core): AuditModule {
  const denials = createDenialRecorder({ db: core.db, logger: core.logger });
  const { checkpointIntervalSeconds, checkpointEveryEvents, checkpointDir } = core.config.audit;
  const writer =
    checkpointIntervalSeconds > 0
      ? createCheckpointWriter({
          db: core.db,
          keys: auditKeysOf(core.db) ?? createAuditKeys(core.keyring),
          sink: fileCheckpointSink(checkpointDir),
          everyEvents: checkpointEveryEvents,
          intervalSeconds: checkpointIntervalSeconds,
          logger: core.logger,
        })
      : null;
  const routes = async (app: FastifyInstance) => {
    app.decorate('auditDenials', denials);
  };
  // Like fastify-plugin: decorate the root instance, so the error handler of every route sees it.
  (routes as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return {
    name: 'audit',
    routes,
    denials,
    checkpoints: writer,
    async start() {
      if (!core.executesRuns) return;
      denials.start();
      writer?.start();
    },
    async stop() {
      await denials.stop();
      if (core.executesRuns) await writer?.stop();
    },
  };
}
