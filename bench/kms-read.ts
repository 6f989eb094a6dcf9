// Audited secret reads (GET /sfp/api/integrations/credentials, through the full stack) with the
// key-encryption key from each source: the keyring file (the baseline) and each KMS simulator
// with 1 ms added latency (SIM_LATENCY_MS). The target is >= 0.9x of the keyring: the KMS is
// asked once per version per refresh interval, never per read (docs/decisions.md). The machine
// may be shared: each KMS is measured between two keyring runs and compared with their mean, and
// the KMS calls made during its measurement are counted (the cache's claim: none).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiClient, setupWorkspace } from '../test/helpers/api.ts';
import { startTestRuntime } from '../test/helpers/runtime.ts';
import { KMS_NAMES, type KmsName, startKms } from '../test/simulators/kms/index.ts';
import { dbLabel, type LoadResult, load, report } from './lib.ts';

const latency = Number(process.env.SIM_LATENCY_MS ?? 1);

async function measure(source: 'keyring' | KmsName): Promise<LoadResult & { kmsCalls: number }> {
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
    const calls = () => [...(kms?.control.calls.values() ?? [])].reduce((a, b) => a + b, 0);
    const before = calls();
    const r = await load({
      url: `http://127.0.0.1:${port}/sfp/api/integrations/credentials?provider=ai_openai`,
      headers: { authorization: `Bearer ${ws.ownerToken}` },
    });
    return { ...r, kmsCalls: calls() - before };
  } finally {
    await t.close();
    await kms?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`audited secret read by key source (${dbLabel()}, KMS simulators at ${latency} ms added latency)`);
let previous = await measure('keyring');
for (const name of KMS_NAMES) {
  const subject = await measure(name);
  const next = await measure('keyring');
  const baseline = { ...previous, rps: (previous.rps + next.rps) / 2, p99: Math.round((previous.p99 + next.p99) / 2) };
  report(`${name} at ${latency} ms (${subject.kmsCalls} KMS calls)`, subject, baseline, 0.9);
  previous = next;
}
