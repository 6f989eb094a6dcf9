// The image's default process, run for real: its ENTRYPOINT and CMD with its ENV, on the
// embedded database (what `docker run switchboard` does with a volume and nothing else). It
// becomes ready on /readyz, the image's HEALTHCHECK command passes against it, and SIGTERM
// stops it cleanly. Two things differ from the container, and only them: HOST is loopback
// (this machine is shared; HOST=0.0.0.0 in the image is checked by dockerfile.test.ts) and the
// port and data directory are the test's own. The PostgreSQL topologies of compose.yaml and the
// chart are run in commands.pg.test.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT } from './context.ts';
import { execForm, healthcheckCommand, parseDockerfile } from './dockerfile-checks.ts';
import { ready, runToExit, start } from './run-command.ts';

const ins = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const runtime = ins.filter((i) => i.stage === ins.at(-1)!.stage);
const ENTRYPOINT = execForm(runtime.filter((i) => i.op === 'ENTRYPOINT').at(-1)!.args)!;
const CMD = execForm(runtime.filter((i) => i.op === 'CMD').at(-1)!.args)!;
/** The runtime stage's ENV (KEY=value pairs). */
const IMAGE_ENV = Object.fromEntries(
  runtime.filter((i) => i.op === 'ENV').flatMap((i) => [...i.args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)].map((m) => [m[1], m[2]])),
);
const dir = mkdtempSync(join(tmpdir(), 'sb-image-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function imageEnvironment(): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...IMAGE_ENV,
    HOST: '127.0.0.1',
    PORT: '0',
    SWITCHBOARD_DATA_DIR: join(dir, 'data'),
  };
  return env; // nothing else from the test's environment: no DATABASE_URL, no keyring, no token
}

test('the image environment is what the Dockerfile says', () => {
  assert.equal(IMAGE_ENV.HOST, '0.0.0.0');
  assert.equal(IMAGE_ENV.SWITCHBOARD_DATA_DIR, '/var/lib/switchboard');
  assert.deepEqual([ENTRYPOINT, CMD], [['node', 'src/main.ts'], ['serve']]);
});

test('ENTRYPOINT + CMD serve on the embedded database, pass the HEALTHCHECK, and stop on SIGTERM', async () => {
  const p = await start(ENTRYPOINT, CMD, imageEnvironment());
  try {
    await ready(p.port!);
    assert.match(p.output(), /Vendor \(operator\) token — shown once/);
    assert.equal(statSync(join(dir, 'data')).mode & 0o777, 0o700, 'the data directory is private');
    // The HEALTHCHECK exactly as the image runs it (PORT as the container has it).
    const hc = healthcheckCommand(runtime)!;
    assert.equal(hc[0], 'node');
    const check = await runToExit(['node'], hc.slice(1), { PATH: process.env.PATH ?? '', PORT: String(p.port) });
    assert.equal(check.code, 0, check.output);
    const down = await runToExit(['node'], hc.slice(1), { PATH: process.env.PATH ?? '', PORT: '1' });
    assert.equal(down.code, 1, 'the health check fails when nothing answers');
  } finally {
    assert.equal(await p.stop(), 0, p.output());
  }
});

test('`migrate` on the same data directory exits 0 saying it is up to date', async () => {
  const r = await runToExit(ENTRYPOINT, ['migrate'], imageEnvironment());
  assert.equal(r.code, 0, r.output);
  assert.match(r.output, /database is up to date/);
});
