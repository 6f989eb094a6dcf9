// Audited secret reads (GET /sfp/api/integrations/credentials, through the full stack) with the
// key-encryption key from each source: the keyring file (the baseline) and each KMS simulator
// with 1 ms added latency (SIM_LATENCY_MS). The target is >= 0.9x of the keyring: the KMS is
// asked once per version per refresh interval, never per read (docs/decisions.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiClient, setupWorkspace } from '../test/helpers/api.ts';
import { startTestRuntime } from '../test/helpers/runtime.ts';
import { KMS_NAMES, type KmsName, startKms } from '../test/simulators/kms/index.ts';
import { dbLabel, type LoadResult, load, report } from './lib.ts';

const latency = Number(process.env.SIM_LATENCY_MS ?? 1);

async function measure(source: 'keyring' | KmsName): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-kms-'));
  const kms = source === 'keyring' ? null : await startKms(source, dir);
  kms?.control.slow(latency);
  const t = await startTestRuntime({
    work: false,
    env: { LOG_LEVEL: 'warn', SWITCHBOARD_RATE_LIMIT_PER_MINUTE: '100000000', ...(kms ? { SWITCHBOARD_KEY_SOURCE: source, ...kms.env } : {}) },
  });
  try {
    const ws = await setupWorkspace(apiClient(t.rt.app!, t.vendorToken), 'Bench');
    const owner = apiClient(t.rt.app!, ws.ownerToken);
    for (let i = 0; i < 5; i++) {
      const r = await owner.post('/sfp/api/integrations', {
        provider: 'ai_openai',
        authType: 'api_key',
        credentials: { api_key: `sk-bench-${i}-0123456789abcdef` },
        isGlobal: true,
      });
      if (r.status !== 201) throw new Error(`seed: ${r.status} ${r.text}`);
    }
    await t.rt.app!.listen({ host: '127.0.0.1', port: 0 });
    const port = (t.rt.app!.server.address() as { port: number }).port;
    return await load({
      url: `http://127.0.0.1:${port}/sfp/api/integrations/credentials?provider=ai_openai`,
      headers: { authorization: `Bearer ${ws.ownerToken}` },
    });
  } finally {
    await t.close();
    await kms?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`audited secret read by key source (${dbLabel()}, KMS simulators at ${latency} ms added latency)`);
const baseline = await measure('keyring');
report('keyring file (baseline)', baseline, baseline);
for (const name of KMS_NAMES) report(`${name} at ${latency} ms`, await measure(name), baseline, 0.9);
