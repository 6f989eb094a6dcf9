// proof:faults scenarios for keys in a KMS (issue 17), against real processes on PostgreSQL and
// the AWS KMS loopback simulator (the API processes reach it through the official SDK):
//   kms      the KMS goes down under load: reads inside the key cache succeed; past it every read
//            fails closed (503 vault.key_unavailable), none is served wrongly; when the KMS
//            returns both nodes serve again without a restart; every secret is still there;
//   migrate  `switchboard keys migrate --to aws-kms` while two API processes serve audited
//            reads of secrets under the keyring file: 0 failed reads, 100% on the KMS version.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startKms } from '../test/simulators/kms/index.ts';
import { type Deployment, http, startDeployment } from './lib/cluster.ts';
import { auditVerifyCli } from './lib/invariants.ts';
import { runLoops } from './lib/load.ts';

const MAIN = join(import.meta.dirname, '..', 'src', 'main.ts');
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Expect = (scenario: string, ok: boolean, what: string) => void;
type Owner = (d: Deployment, name: string) => Promise<{ token: string }>;

async function seed(d: Deployment, token: string, n: number): Promise<string[]> {
  const values: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = `sk-kms-${i}-${Math.random().toString(36).slice(2, 14)}`;
    const r = await http(d.apis[i % d.apis.length].port!, 'POST', '/sfp/api/integrations', token, {
      provider: 'ai_openai',
      authType: 'api_key',
      credentials: { api_key: v },
      isGlobal: true,
    });
    if (r.status !== 201) throw new Error(`seeding: ${r.status} ${r.text}`);
    values.push(v);
  }
  return values;
}

/** Audited credential reads, 4 at a time, alternating between the two API nodes; a non-200 is an error. */
function credentialReads(ports: number[], token: string) {
  return runLoops(
    [
      {
        concurrency: 4,
        step: async (i) => ({ name: 'read', r: await http(ports[i % 2], 'GET', '/sfp/api/integrations/credentials?provider=ai_openai', token) }),
      },
    ],
    (s) => s.status !== 200,
  );
}

async function until(what: string, check: () => Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await wait(100);
  }
  throw new Error(`gave up waiting for: ${what}`);
}

export async function kmsOutageScenario(serverUrl: string, expect: Expect, owner: Owner, report: Record<string, unknown>, secrets: number) {
  const kms = await startKms('aws-kms', (await import('node:os')).tmpdir());
  const TTL = 6;
  const d = await startDeployment({
    serverUrl,
    apis: 2,
    workers: 0,
    label: 'fault_kms',
    env: {
      SWITCHBOARD_KEY_SOURCE: 'aws-kms',
      ...kms.env,
      ...kms.processEnv,
      SWITCHBOARD_KEYRING_FILE: '',
      SWITCHBOARD_KEY_CACHE_TTL_SECONDS: String(TTL),
      SWITCHBOARD_KEY_REFRESH_SECONDS: '1',
      SWITCHBOARD_KEY_RETRY_SECONDS: '0.5',
      SWITCHBOARD_KMS_TIMEOUT_MS: '1000',
      SWITCHBOARD_KMS_MAX_ATTEMPTS: '1',
    },
  });
  try {
    const o = await owner(d, 'KmsDown');
    const values = await seed(d, o.token, secrets);
    const ports = d.apis.map((p) => p.port!);
    const load = credentialReads(ports, o.token);
    await wait(1000);
    load.setPhase('down, cached');
    kms.control.down();
    await wait((TTL * 1000) / 3);
    load.setPhase('down, expiring');
    const ready = (p: number) => http(p, 'GET', '/readyz').then((r) => r.status);
    await until('both nodes unready', async () => (await Promise.all(ports.map(ready))).every((s) => s === 503));
    load.setPhase('down, past the cache');
    await wait(2000);
    load.setPhase('recovering');
    kms.control.up();
    await until('both nodes ready', async () => (await Promise.all(ports.map(ready))).every((s) => s === 200));
    load.setPhase('recovered');
    await wait(2000);
    await load.stop();
    const by = (phase: string) => load.samples.filter((s) => s.phase === phase);
    const cached = by('down, cached');
    const past = by('down, past the cache');
    const recovered = by('recovered');
    expect(
      'kms',
      cached.length > 0 && cached.every((s) => s.status === 200),
      `${cached.length} reads in the first third of the cache after the KMS went down: ${cached.filter((s) => s.status !== 200).length} failed`,
    );
    expect(
      'kms',
      past.length > 0 && past.every((s) => s.status === 503 && s.error === 'vault.key_unavailable'),
      `${past.length} reads past the cache: all 503 vault.key_unavailable (${past.filter((s) => s.status !== 503).length} otherwise)`,
    );
    expect(
      'kms',
      recovered.length > 0 && recovered.every((s) => s.status === 200),
      `${recovered.length} reads after recovery without a restart: ${recovered.filter((s) => s.status !== 200).length} failed`,
    );
    const final = await http(ports[0], 'GET', '/sfp/api/integrations/credentials?provider=ai_openai', o.token);
    const lost = values.filter((v) => !final.text.includes(v)).length;
    expect('kms', final.status === 200 && lost === 0, `${values.length - lost} of ${values.length} secrets read back (0 lost)`);
    const v = await auditVerifyCli({ ...d.env, ...kms.processEnv });
    expect('kms', v.ok, v.out);
    report.kms = { ttlSeconds: TTL, secrets: values.length, readsCached: cached.length, readsPastCache: past.length, readsRecovered: recovered.length, lost };
  } finally {
    await d.close();
    await kms.close();
  }
}

export async function kmsMigrationScenario(serverUrl: string, expect: Expect, owner: Owner, report: Record<string, unknown>, secrets: number) {
  const kms = await startKms('aws-kms', (await import('node:os')).tmpdir());
  // The nodes keep the keyring file as their source and are configured for the KMS as well.
  const d = await startDeployment({ serverUrl, apis: 2, workers: 0, label: 'fault_kms_migrate', env: { ...kms.env, ...kms.processEnv } });
  try {
    const o = await owner(d, 'KmsMigrate');
    const values = await seed(d, o.token, secrets);
    const ports = d.apis.map((p) => p.port!);
    const load = credentialReads(ports, o.token);
    load.setPhase('migrating');
    const t0 = Date.now();
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [MAIN, 'keys', 'migrate', '--to', 'aws-kms'], {
        env: { ...process.env, ...d.env, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (b) => (out += b));
      child.stderr.on('data', (b) => (out += b));
      child.on('exit', (code) => resolve({ code, out }));
    });
    const ms = Date.now() - t0;
    load.setPhase('after');
    await wait(1000);
    await load.stop();
    expect('migrate', r.code === 0, `keys migrate --to aws-kms: ${r.out.trim().split('\n').at(-2) ?? r.out} (${ms} ms)`);
    const during = load.samples.filter((s) => s.phase === 'migrating');
    const failed = load.samples.filter((s) => s.status !== 200);
    expect(
      'migrate',
      during.length > 0 && failed.length === 0,
      `${during.length} audited reads during the migration (${load.samples.length} in all), ${failed.length} failed`,
    );
    const versions = await d.query(
      `SELECT s.key_version, v.source, count(*)::int AS n FROM vault_secrets s JOIN vault_key_versions v ON v.version = s.key_version GROUP BY 1, 2`,
    );
    expect('migrate', versions.length === 1 && versions[0].source === 'aws-kms', `every data key on the KMS version: ${JSON.stringify(versions)}`);
    const final = await http(ports[1], 'GET', '/sfp/api/integrations/credentials?provider=ai_openai', o.token);
    expect(
      'migrate',
      values.every((v) => final.text.includes(v)),
      'every secret reads back',
    );
    const v = await auditVerifyCli(d.env);
    expect('migrate', v.ok, v.out);
    report.migrate = { secrets: values.length, migrationMs: ms, readsDuring: during.length, failed: failed.length };
  } finally {
    await d.close();
    await kms.close();
  }
}
