// compose.yaml's and the Helm chart's processes, run for real on this machine's PostgreSQL
// server: each service's command on the image's entry point with the environment the file gives
// it. Only what cannot be the same on one machine is replaced, and nothing else: the database
// address (compose's `postgres` host, the chart's Secret) becomes a fresh empty database here,
// the keyring secret becomes a file or value of the test's, HOST is loopback and PORT 0 (two API
// nodes on one machine), and the checkpoint and data directories are the test's own.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { clusterEnvironment } from '../helpers/processes.ts';
import { ROOT } from './context.ts';
import { execForm, parseDockerfile } from './dockerfile-checks.ts';
import { renderChart } from './helm-template.ts';
import { containersOf, type K8sObject } from './manifest-checks.ts';
import { ready, runToExit, start, type Started } from './run-command.ts';

const ins = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const ENTRYPOINT = execForm(ins.filter((i) => i.op === 'ENTRYPOINT').at(-1)!.args)!;
const dir = mkdtempSync(join(tmpdir(), 'sb-deploy-'));
const running: Started[] = [];
after(async () => {
  await Promise.all(running.map((p) => p.stop()));
  rmSync(dir, { recursive: true, force: true });
});

const TOKEN = /sbt_[A-Za-z0-9_-]{43}/g;
const keyBytes = () => randomBytes(32).toString('base64');

/** The adaptations to this machine, applied over a deployment file's environment. */
function local(env: Record<string, string>, databaseUrl: string, name: string): Record<string, string> {
  const out: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...env,
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    SWITCHBOARD_DATA_DIR: join(dir, name, 'data'),
  };
  if (env.SWITCHBOARD_AUDIT_CHECKPOINT_DIR) out.SWITCHBOARD_AUDIT_CHECKPOINT_DIR = join(dir, name, 'audit-checkpoints');
  return out;
}

async function vendorTokenWorks(port: number, token: string): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}/api/v1/workspaces`, { headers: { authorization: `Bearer ${token}` } })).status;
}

describe('compose.yaml: migrate, then two API nodes and a worker', () => {
  const cluster = clusterEnvironment('sb_compose');
  const services = (parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8'), { merge: true }) as any).services as Record<string, any>;
  const keyringFile = join(dir, 'compose-keyring.json');
  /** A service's environment: compose's ${VAR:-default} resolved (no variable set), the secret file mapped. */
  const envOf = (name: string) => {
    const raw = services[name].environment as Record<string, string>;
    const env = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]));
    if (env.SWITCHBOARD_KEYRING_FILE) {
      assert.equal(env.SWITCHBOARD_KEYRING_FILE, `/run/secrets/${services[name].secrets[0]}`);
      env.SWITCHBOARD_KEYRING_FILE = keyringFile; // the compose secret's file
    }
    return local(env, cluster.url, name);
  };
  before(async () => {
    await cluster.createDatabase();
    writeFileSync(keyringFile, JSON.stringify({ keys: [{ version: 1, key: keyBytes(), created_at: new Date().toISOString() }] }), { mode: 0o600 });
  });
  after(() => cluster.dropDatabase());

  test('the migration applies every migration to the empty database and exits 0', async () => {
    const r = await runToExit(ENTRYPOINT, services.migrate.command, envOf('migrate'));
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /^applied: /m);
  });

  test('both API nodes become ready, one of them prints the vendor token once, and the worker starts', async () => {
    const [api1, api2, worker] = await Promise.all(['api-1', 'api-2', 'worker'].map((s) => start(ENTRYPOINT, services[s].command, envOf(s))));
    running.push(api1, api2, worker);
    await Promise.all([ready(api1.port!), ready(api2.port!)]);
    const tokens = [...api1.output().matchAll(TOKEN), ...api2.output().matchAll(TOKEN)].map((m) => m[0]);
    assert.equal(tokens.length, 1, 'exactly one node made the vendor token');
    assert.deepEqual([await vendorTokenWorks(api1.port!, tokens[0]), await vendorTokenWorks(api2.port!, tokens[0])], [200, 200]);
    assert.match(worker.output(), /"msg":"worker started"/);
    assert.deepEqual(await Promise.all([api1.stop(), api2.stop(), worker.stop()]), [0, 0, 0]);
  });
});

describe('the Helm chart: the migration Job, then the API and worker Deployments', () => {
  const cluster = clusterEnvironment('sb_chart');
  const inlineKeyring = `1:${keyBytes()}`;
  const bootstrap = `sbt_${randomBytes(32).toString('base64url')}`;
  // The Secrets an operator creates before installing: their names as the chart's values say.
  const secrets: Record<string, Record<string, string>> = {
    'switchboard-database': { url: cluster.url },
    'switchboard-keyring': { keyring: inlineKeyring },
    'sb-bootstrap': { token: bootstrap },
  };
  const { objects } = renderChart(join(ROOT, 'deploy/helm/switchboard'), {
    values: { publicUrl: 'https://switchboard.example.com', bootstrapToken: { existingSecret: 'sb-bootstrap' } },
  });
  const workload = (kind: string, suffix: string) => objects.find((o) => o.kind === kind && o.metadata.name.endsWith(suffix)) as K8sObject;
  /** A container's environment with every secretKeyRef resolved from the Secrets above. */
  const envOf = (o: K8sObject, name: string) => {
    const c = containersOf(o)[0];
    const env = Object.fromEntries(
      c.env.map((e: any) => {
        const ref = e.valueFrom?.secretKeyRef;
        const value = ref ? secrets[ref.name]?.[ref.key] : e.value;
        assert.equal(typeof value, 'string', `${e.name}: Secret ${ref?.name}/${ref?.key} is not one the chart documents`);
        return [e.name, value];
      }),
    );
    return { args: c.args as string[], env: local(env, cluster.url, name) };
  };
  before(() => cluster.createDatabase());
  after(() => cluster.dropDatabase());

  test('the migration Job migrates, with no key', async () => {
    const { args, env } = envOf(workload('Job', '-migrate'), 'migrate');
    assert.equal(env.SWITCHBOARD_KEYRING, undefined);
    const r = await runToExit(ENTRYPOINT, args, env);
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /^applied: /m);
  });

  test('the API node is ready with the keyring from its Secret and takes the bootstrap token; the worker starts', async () => {
    const a = envOf(workload('Deployment', '-api'), 'api');
    const w = envOf(workload('Deployment', '-worker'), 'worker');
    assert.equal(a.env.SWITCHBOARD_KEYRING, inlineKeyring);
    const [api, worker] = await Promise.all([start(ENTRYPOINT, a.args, a.env), start(ENTRYPOINT, w.args, w.env)]);
    running.push(api, worker);
    await ready(api.port!);
    assert.equal(await vendorTokenWorks(api.port!, bootstrap), 200);
    assert.doesNotMatch(api.output(), TOKEN, 'with a bootstrap token nothing is printed');
    assert.match(worker.output(), /"msg":"worker started"/);
    assert.deepEqual(await Promise.all([api.stop(), worker.stop()]), [0, 0]);
  });
});
