// The Dockerfile builds with CI's own install and npm scripts, builds the console in the image,
// runs production dependencies only as a numeric non-root user with HOST=0.0.0.0, checks
// /readyz, starts the `switchboard` npm script's command and bakes no secret in. No Docker
// daemon runs here: the file is read and checked (and each rule is fed a broken copy, to see it
// fail); test/deploy/commands.test.ts runs its entry point and command.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { loadContext, ROOT, type Context } from './context.ts';
import { dockerfileProblems, dockerignoreProblems, execForm, parseDockerfile } from './dockerfile-checks.ts';
import { secretsIn } from './secret-scan.ts';

const DOCKERFILE = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const DOCKERIGNORE = readFileSync(join(ROOT, '.dockerignore'), 'utf8');
let ctx: Context;
before(() => {
  ctx = loadContext();
});

describe('the Dockerfile', () => {
  test('passes every rule', () => {
    assert.deepEqual(dockerfileProblems(DOCKERFILE, ctx), []);
  });

  test('its entry point is the switchboard npm script and its command one the CLI has', () => {
    const ins = parseDockerfile(DOCKERFILE);
    assert.deepEqual(execForm(ins.filter((i) => i.op === 'ENTRYPOINT').at(-1)!.args), ctx.scripts.switchboard.split(' '));
    assert.deepEqual(execForm(ins.filter((i) => i.op === 'CMD').at(-1)!.args), ['serve']);
    assert.ok(ctx.cliCommands.has('serve') && ctx.cliCommands.has('worker') && ctx.cliCommands.has('migrate'), [...ctx.cliCommands].join(', '));
  });

  test('the build context leaves out dependencies, local data, secrets and the built console', () => {
    assert.deepEqual(dockerignoreProblems(DOCKERIGNORE), []);
  });

  test('no secret value in the Dockerfile or the ignore file', () => {
    assert.deepEqual(secretsIn(DOCKERFILE), []);
    assert.deepEqual(secretsIn(DOCKERIGNORE), []);
  });
});

describe('each Dockerfile rule fails on a copy that breaks it', () => {
  const cases: [string, (s: string) => string, RegExp][] = [
    ['one stage', (s) => s.replace(/FROM \$\{NODE_IMAGE\} AS (build|deps)\n/g, ''), /not a multi-stage build/],
    ['another Node major', (s) => s.replace(/ARG NODE_IMAGE=node:\d+/, 'ARG NODE_IMAGE=node:22'), /not a Node \d+ image/],
    ['a different install than CI', (s) => s.replace(/RUN npm ci --no-audit --no-fund\n/, 'RUN npm install\n'), /not the install CI runs/],
    ['a script package.json lacks', (s) => s.replace('RUN npm run build:console', 'RUN npm run build'), /no such npm script/],
    ['no console build', (s) => s.replace('RUN npm run build:console\n', ''), /console is not built at image build/],
    [
      'dev dependencies at run time',
      (s) => s.replace('COPY --from=deps /app/node_modules', 'COPY --from=build /app/node_modules'),
      /copies the build stage node_modules/,
    ],
    ['root', (s) => s.replace(/^USER .*$/m, ''), /runs as root/],
    ['a user by name', (s) => s.replace(/^USER .*$/m, 'USER switchboard'), /not a numeric non-root user/],
    ['loopback only', (s) => s.replace('HOST=0.0.0.0', 'HOST=127.0.0.1'), /HOST=0\.0\.0\.0 is not set/],
    [
      'a keyring in the environment',
      (s) => s.replace('ENV NODE_ENV=production', 'ENV SWITCHBOARD_KEYRING=1:x NODE_ENV=production'),
      /SWITCHBOARD_KEYRING: a secret baked into the image/,
    ],
    ['a secret file copied in', (s) => s.replace('COPY bin ./bin', 'COPY secrets/keyring.json ./\nCOPY bin ./bin'), /copies a secret into the image/],
    ['no health check', (s) => s.replace(/HEALTHCHECK[\s\S]*?\n(?=ENTRYPOINT)/, ''), /no exec-form HEALTHCHECK/],
    ['a health check of /healthz only', (s) => s.replace("'/readyz'", "'/healthz'"), /does not ask \/readyz/],
    [
      'another entry point',
      (s) => s.replace('ENTRYPOINT ["node", "src/main.ts"]', 'ENTRYPOINT ["node", "bin/switchboard.mjs"]'),
      /not the switchboard npm script/,
    ],
    ['an unknown command', (s) => s.replace('CMD ["serve"]', 'CMD ["start"]'), /not a CLI command/],
    ['no sources', (s) => s.replace('COPY src ./src\n', ''), /does not copy src/],
  ];
  for (const [what, breakIt, problem] of cases) {
    test(what, () => {
      const copy = breakIt(DOCKERFILE);
      assert.notEqual(copy, DOCKERFILE, 'the mutation applies');
      const problems = dockerfileProblems(copy, ctx);
      assert.ok(
        problems.some((p) => problem.test(p)),
        `expected ${problem} among:\n${problems.join('\n')}`,
      );
    });
  }

  test('an ignore file that lets node_modules or the keyring in', () => {
    assert.ok(dockerignoreProblems(DOCKERIGNORE.replace(/^node_modules$/m, '')).some((p) => /node_modules/.test(p)));
    assert.ok(dockerignoreProblems(DOCKERIGNORE.replace(/^\*\*\/keyring\*\.json$/m, '')).some((p) => /keyring/.test(p)));
  });
});
