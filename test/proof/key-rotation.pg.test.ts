// Rotating the vault key under load: two API processes serve audited credential reads without a
// pause while `switchboard keys rotate` (the CLI, a separate process) adds a key version and
// re-wraps every data key, three times over. Not one read fails or returns a wrong value, every
// data key ends on the newest version, and every release is in the audit log, whose chains verify.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Deployment, http, startDeployment } from '../../proof/lib/cluster.ts';
import { runLoops } from '../../proof/lib/load.ts';

const base = process.env.DATABASE_URL;
if (!base) throw new Error('this test needs DATABASE_URL (a PostgreSQL server); it never skips silently');

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'main.ts');
const SECRETS = 60;
let d: Deployment;
let ownerToken = '';
let workspaceId = '';
const secrets: string[] = [];

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

before(async () => {
  d = await startDeployment({ serverUrl: base, apis: 2, workers: 0, label: 'keyrot' });
  const port = d.apis[0].port!;
  const ws = await http(port, 'POST', '/api/v1/workspaces', d.vendorToken, { name: 'Rotate' });
  workspaceId = ws.body.id;
  const m = await http(port, 'POST', `/api/v1/workspaces/${workspaceId}/members`, d.vendorToken, { email: 'o@rotate.test', role: 'owner' });
  ownerToken = (await http(port, 'POST', `/api/v1/workspaces/${workspaceId}/tokens`, d.vendorToken, { name: 'o', member_id: m.body.id })).body.token;
  for (let i = 0; i < SECRETS; i++) {
    const secret = `sk-rotate-${i}-${Math.random().toString(36).slice(2, 14)}`;
    secrets.push(secret);
    const r = await http(d.apis[i % 2].port!, 'POST', '/sfp/api/integrations', ownerToken, {
      provider: 'ai_openai',
      authType: 'api_key',
      credentials: { api_key: secret },
      isGlobal: true,
    });
    assert.equal(r.status, 201, r.text);
  }
});
after(() => d?.close());

describe('key rotation under load', () => {
  test('three rotations while two nodes serve audited reads: zero failed reads, every value intact', async () => {
    const load = runLoops(
      [
        {
          concurrency: 4,
          step: async (i) => ({ name: 'read', r: await http(d.apis[i % 2].port!, 'GET', '/sfp/api/integrations/credentials?provider=ai_openai', ownerToken) }),
        },
      ],
      // keep the body only when something is wrong (a missing value)
      (s) => s.status !== 200,
    );
    const checkValues = async () => {
      const r = await http(d.apis[0].port!, 'GET', '/sfp/api/integrations/credentials?provider=ai_openai', ownerToken);
      assert.equal(r.status, 200);
      for (const s of secrets) assert.ok(r.text.includes(s), 'every secret decrypts to its value');
    };
    const outputs: string[] = [];
    for (let round = 0; round < 3; round++) {
      load.setPhase(`rotation ${round + 1}`);
      const r = await cli(['keys', 'rotate'], d.env);
      outputs.push(r.out);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, new RegExp(`added key version ${round + 2}; re-wrapped ${SECRETS} data keys`));
      await checkValues();
    }
    load.setPhase('after');
    await new Promise((r) => setTimeout(r, 500));
    await load.stop();
    const failed = load.samples.filter((s) => s.status !== 200);
    assert.equal(failed.length, 0, JSON.stringify(failed.slice(0, 5)));
    const during = load.samples.filter((s) => s.phase.startsWith('rotation'));
    assert.ok(during.length > 0, 'reads ran during the rotations');
    const versions = await d.query('SELECT key_version, count(*)::int AS n FROM vault_secrets GROUP BY key_version');
    assert.deepEqual(versions, [{ key_version: 4, n: SECRETS }]);
    // every 200 released SECRETS values, each with its own audit row (plus the checks above)
    const released = await d.query(`SELECT count(*)::int AS n FROM audit_events WHERE workspace_id = $1 AND action = 'integration.credentials_released'`, [
      workspaceId,
    ]);
    assert.equal(released[0].n, (load.samples.length + 3) * SECRETS);
    const verify = await cli(['audit', 'verify'], d.env);
    assert.equal(verify.code, 0, verify.out);
    assert.match(verify.out, /^OK: /m);
  });
});
