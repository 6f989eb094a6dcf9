// Only a process that serves HTTP makes the vendor token. A worker that starts first on a fresh
// database (compose and Kubernetes start API nodes and workers together) must leave it to an API
// node: a token it generated would never be printed, and the operator would have none.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { createRuntime } from '../../src/runtime.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-vendor-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a worker on a fresh database makes no vendor token; the first API node then makes and shows it', async () => {
  const config = loadConfig({
    SWITCHBOARD_DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: 'silent',
    SWITCHBOARD_HEALTH_CHECK_INTERVAL_SECONDS: '0',
  } as NodeJS.ProcessEnv);
  const worker = await createRuntime(config, { http: false, work: false });
  try {
    assert.equal(worker.generatedVendorToken, undefined);
    assert.deepEqual(await worker.db.query("SELECT id FROM api_tokens WHERE kind = 'vendor'"), []);
  } finally {
    await worker.close();
  }
  const api = await createRuntime(config, { http: true, work: false });
  try {
    assert.match(api.generatedVendorToken ?? '', /^sbt_/);
  } finally {
    await api.close();
  }
});
