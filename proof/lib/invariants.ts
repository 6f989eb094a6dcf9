// The invariants every proof suite checks at the end, straight in the database (not through the
// API that is under test) plus the audit chain verifier as an operator runs it (the CLI).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Deployment } from './cluster.ts';

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'main.ts');

export interface InvariantReport {
  ok: boolean;
  lines: string[];
}

/** Waits until no run is queued or running (the workers finish or reap them), up to `ms`. */
export async function waitForRunsToSettle(d: Deployment, ms = 120_000): Promise<number> {
  const end = Date.now() + ms;
  for (;;) {
    const [r] = await d.query(`SELECT count(*)::int AS n FROM operation_runs WHERE status IN ('queued', 'running')`);
    if (r.n === 0 || Date.now() > end) return r.n;
    await new Promise((res) => setTimeout(res, 500));
  }
}

/**
 * `switchboard audit verify` in its own process. Asynchronous on purpose: a loopback simulator
 * the CLI must reach (a KMS holding the keys) may run in this very process, and spawnSync would
 * block its event loop for as long as the CLI waits on it.
 */
export function auditVerifyCli(env: Record<string, string>): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, 'audit', 'verify'], { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, out: out.trim().split('\n').pop() ?? '' });
    });
  });
}

export async function checkInvariants(d: Deployment, opts: { settleMs?: number } = {}): Promise<InvariantReport> {
  const lines: string[] = [];
  let ok = true;
  const check = (name: string, good: boolean, detail: string) => {
    if (!good) ok = false;
    lines.push(`${good ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
  };
  const open = await waitForRunsToSettle(d, opts.settleMs);
  check('no run stays queued or running', open === 0, `${open} open after the load`);
  const scopes = await d.query(
    `SELECT scope_key, count(*)::int AS n FROM operation_runs WHERE status IN ('queued', 'running') GROUP BY scope_key HAVING count(*) > 1`,
  );
  check('one active run per scope', scopes.length === 0, `${scopes.length} scopes with more than one`);
  const runs = await d.query(`SELECT status, outcome, reason_code, count(*)::int AS n FROM operation_runs GROUP BY 1, 2, 3 ORDER BY 4 DESC`);
  lines.push(`     runs: ${runs.map((r) => `${r.status}/${r.outcome}/${r.reason_code}=${r.n}`).join(', ')}`);
  const defaults = await d.query(`SELECT workspace_id, category, count(*)::int AS n FROM integrations WHERE is_default GROUP BY 1, 2 HAVING count(*) > 1`);
  check('one default per category', defaults.length === 0, `${defaults.length} categories with more than one`);
  const dupes = await d.query(`SELECT configuration_id, user_name_folded, count(*)::int AS n FROM scim_users GROUP BY 1, 2 HAVING count(*) > 1`);
  const users = await d.query(`SELECT count(*)::int AS n FROM scim_users`);
  check('no duplicate SCIM users', dupes.length === 0, `${users[0].n} users, ${dupes.length} duplicated names`);
  const heads = await d.query(
    `SELECT h.chain, h.seq::int AS head, count(e.id)::int AS n FROM audit_chain_heads h LEFT JOIN audit_events e ON e.chain = h.chain GROUP BY 1, 2`,
  );
  const gaps = heads.filter((h) => h.head !== h.n);
  const events = heads.reduce((a, h) => a + h.n, 0);
  check('audit chains have no gaps', gaps.length === 0, `${heads.length} chains, ${events} events`);
  const verify = await auditVerifyCli(d.env);
  check('audit chain verifies (switchboard audit verify)', verify.ok, verify.out);
  return { ok, lines };
}
