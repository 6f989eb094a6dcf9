// The running service on each KMS, through its HTTP API: audited secret reads keep working while
// the KMS is down within the key cache; past it, reads and writes of secrets fail closed with
// 503 vault.key_unavailable (readiness says so, one log line says why, no secret anywhere in the
// logs or written unencrypted to make up for it); when the KMS answers again the service serves
// again by itself. Waits poll for a state, bounded; nothing asserts how long anything took.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type Api, apiClient, setupWorkspace } from '../../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.ts';
import { KMS_NAMES, type RunningKms, startKms } from '../../simulators/kms/index.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for: ${what}`);
}

for (const name of KMS_NAMES) {
  describe(`service on ${name}`, () => {
    let kms: RunningKms;
    let t: TestRuntime;
    let owner: Api;
    let dir: string;
    const secret = `sk-kms-${randomBytes(12).toString('hex')}`;
    const read = () => owner.get('/sfp/api/integrations/credentials?provider=ai_openai');
    const create = (value: string) =>
      owner.post('/sfp/api/integrations', { provider: 'ai_openai', authType: 'api_key', credentials: { api_key: value }, isGlobal: true });

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'sb-kms-svc-'));
      kms = await startKms(name, dir);
      t = await startTestRuntime({
        work: false,
        env: {
          SWITCHBOARD_KEY_SOURCE: name,
          ...kms.env,
          SWITCHBOARD_KEY_CACHE_TTL_SECONDS: '4',
          SWITCHBOARD_KEY_REFRESH_SECONDS: '0.5',
          SWITCHBOARD_KEY_RETRY_SECONDS: '0.2',
          SWITCHBOARD_KMS_TIMEOUT_MS: '1000',
          SWITCHBOARD_KMS_MAX_ATTEMPTS: '1',
        },
      });
      const ws = await setupWorkspace(apiClient(t.rt.app!, t.vendorToken), 'Kms');
      owner = apiClient(t.rt.app!, ws.ownerToken);
      const r = await create(secret);
      assert.equal(r.status, 201, r.text);
    });
    after(async () => {
      await t?.close();
      await kms?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('the first start wrapped its key in the KMS and audited it', async () => {
      const [row] = await t.rt.db.query(`SELECT source, wrapped_kek FROM vault_key_versions`);
      assert.equal(row.source, name);
      const audit = await t.rt.db.query(`SELECT metadata FROM audit_events WHERE chain = '' AND action = 'vault.key_created'`);
      assert.equal(audit.length, 1);
      assert.equal(audit[0].metadata.source, name);
    });

    test('KMS down: served within the cache, then 503 vault.key_unavailable for reads and writes, nothing unencrypted; recovers by itself', async () => {
      assert.ok((await read()).text.includes(secret));
      kms.control.down();
      try {
        const cached = await read();
        assert.equal(cached.status, 200, 'within the cache the read is served');
        assert.ok(cached.text.includes(secret));
        await until('readiness reports the key unavailable', async () => (await owner.get('/readyz')).status === 503);
        const refused = await read();
        assert.equal(refused.status, 503, refused.text);
        assert.equal(refused.body.error, 'vault.key_unavailable');
        assert.ok(!refused.text.includes(secret));
        const other = `sk-never-${randomBytes(12).toString('hex')}`;
        const write = await create(other);
        assert.equal(write.status, 503, write.text);
        // Nothing of it was written, encrypted or not.
        const dump = (await t.rt.db.query(`SELECT to_jsonb(v)::text AS j FROM vault_secrets v`)).map((r) => r.j).join('\n');
        assert.ok(!dump.includes(other) && !dump.includes(Buffer.from(other).toString('base64')));
        const integrations = (await t.rt.db.query(`SELECT to_jsonb(i)::text AS j FROM integrations i`)).map((r) => r.j).join('\n');
        assert.ok(!integrations.includes(other));
        const lines = t.logs.filter((l) => /"msg":"key version \d+ is unavailable/.test(l));
        assert.equal(lines.length, 1, `one line says why: ${JSON.stringify(lines)}`);
        assert.match(lines[0], new RegExp(name));
      } finally {
        kms.control.up();
      }
      await until('reads are served again', async () => (await read()).status === 200);
      assert.ok((await read()).text.includes(secret));
      assert.equal((await create(`sk-after-${randomBytes(8).toString('hex')}`)).status, 201);
      assert.ok(t.logs.some((l) => /available again/.test(l)));
      assert.ok(!t.logs.join('\n').includes(secret), 'no secret in any log line');
    });
  });
}
