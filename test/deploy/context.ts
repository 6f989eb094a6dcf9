// What the deployment checks compare against: the npm scripts, the CLI's commands (asked of the
// CLI itself) and the install command CI runs. The checks (dockerfile-checks.ts,
// compose-checks.ts, manifest-checks.ts) are functions that list the problems they find (an
// empty list is a pass), kept apart from the tests so the tests can also feed them broken
// copies and see each rule fail: a check that cannot fail would prove nothing.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface Context {
  /** package.json scripts. */
  scripts: Record<string, string>;
  /** The CLI's top-level commands, as its usage text lists them. */
  cliCommands: Set<string>;
  /** The install command .ci/run uses. */
  ciInstall: string;
  /** The Node.js major the project brings (the `node` dev dependency) and so is tested on. */
  nodeMajor: number;
}

export function loadContext(): Context {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
  const nodeMajor = Number(/(\d+)/.exec(pkg.devDependencies.node ?? '')?.[1]);
  if (!nodeMajor) throw new Error('package.json has no `node` dev dependency to take the Node.js version from');
  return { scripts: pkg.scripts, cliCommands: cliCommands(), ciInstall: ciInstall(), nodeMajor };
}

/** Asks the CLI itself (on the project's Node) for its usage and reads the command names from it. */
function cliCommands(): Set<string> {
  const out = execFileSync(process.execPath, [join(ROOT, 'src/main.ts'), '--help'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'info' },
  });
  const names = [...out.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]);
  if (!names.length) throw new Error(`no commands in the CLI's usage:\n${out}`);
  return new Set(names);
}

/** The `npm ci …` line of .ci/run, as CI runs it. */
function ciInstall(): string {
  const line = readFileSync(join(ROOT, '.ci/run'), 'utf8')
    .split('\n')
    .find((l) => /^\s*npm ci\b/.test(l));
  if (!line) throw new Error('.ci/run has no npm ci line');
  return line.replace(/\|\|.*$/, '').trim();
}
