// compose.yaml: PostgreSQL, a migration, two API nodes and one worker on the image's entry point
// with CLI commands, the keyring from a compose secret file, the password from the environment,
// containers as locked down as the chart's. Each rule is also fed a broken copy, to see it fail.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { composeProblems } from './compose-checks.ts';
import { loadContext, ROOT, type Context } from './context.ts';
import { healthcheckCommand, parseDockerfile } from './dockerfile-checks.ts';
import { secretsIn } from './secret-scan.ts';

const TEXT = readFileSync(join(ROOT, 'compose.yaml'), 'utf8');
const load = () => parse(TEXT, { merge: true }) as any; // compose resolves `<<` merge keys
const IMAGE_HEALTHCHECK = healthcheckCommand(parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')))!;
let ctx: Context;
before(() => {
  ctx = loadContext();
});

describe('compose.yaml', () => {
  test('passes every rule', () => {
    assert.deepEqual(composeProblems(load(), ctx, IMAGE_HEALTHCHECK), []);
  });

  test('the services and their commands', () => {
    const s = load().services;
    assert.deepEqual(Object.fromEntries(Object.entries(s).map(([n, v]: [string, any]) => [n, v.command?.[0] ?? v.image])), {
      postgres: 'postgres:17-bookworm',
      migrate: 'migrate',
      'api-1': 'serve',
      'api-2': 'serve',
      worker: 'worker',
    });
  });

  test('no secret value in it', () => {
    assert.deepEqual(secretsIn(TEXT), []);
  });
});

describe('each compose rule fails on a copy that breaks it', () => {
  const cases: [string, (d: any) => void, RegExp][] = [
    ['one API node', (d) => delete d.services['api-2'], /1 API \(serve\) services, not 2/],
    ['no worker', (d) => delete d.services.worker, /0 worker services, not 1/],
    ['a command the CLI lacks', (d) => (d.services.worker.command = ['work']), /is not a CLI command/],
    ['the entry point replaced', (d) => (d.services['api-1'].entrypoint = ['sh']), /overrides the image's entry point/],
    [
      'a literal password',
      (d) => (d.services['api-1'].environment.DATABASE_URL = 'postgres://switchboard:pw@postgres:5432/switchboard'),
      /DATABASE_URL does not take its password from the environment/,
    ],
    ['an inline keyring', (d) => (d.services.worker.environment.SWITCHBOARD_KEYRING = '1:abc'), /SWITCHBOARD_KEYRING written into compose.yaml/],
    ['the keyring not given as a secret', (d) => (d.services.worker.secrets = []), /not given to it as a file/],
    ['the keys given to the migration', (d) => (d.services.migrate.secrets = ['keyring']), /migration is given the keys/],
    ['inline workers on an API node', (d) => (d.services['api-2'].environment.SWITCHBOARD_WORKER_MODE = 'inline'), /SWITCHBOARD_WORKER_MODE not "off"/],
    ['not waiting for the migration', (d) => delete d.services.worker.depends_on.migrate, /does not wait for the migration/],
    ['a writable filesystem', (d) => (d.services['api-1'].read_only = false), /filesystem is writable/],
    ['capabilities kept', (d) => (d.services.worker.cap_drop = []), /capabilities are not dropped/],
    ['a healthcheck on a worker', (d) => (d.services.worker.healthcheck = {}), /serves no HTTP but keeps the image's \/readyz healthcheck/],
    ['loopback only', (d) => (d.services['api-1'].environment.HOST = '127.0.0.1'), /HOST is not 0\.0\.0\.0/],
  ];
  for (const [what, breakIt, problem] of cases) {
    test(what, () => {
      const d = load();
      breakIt(d);
      const problems = composeProblems(d, ctx, IMAGE_HEALTHCHECK);
      assert.ok(
        problems.some((p) => problem.test(p)),
        `expected ${problem} among:\n${problems.join('\n')}`,
      );
    });
  }
});
