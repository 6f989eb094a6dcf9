// The Dockerfile's rules: multi-stage, CI's own install and npm scripts, the console built in the
// image, production dependencies only at run time, a numeric non-root user, HOST=0.0.0.0, an
// exec-form HEALTHCHECK on /readyz, the `switchboard` script as entry point, nothing secret.
import type { Context } from './context.ts';

export interface Instruction {
  stage: string;
  op: string;
  args: string;
}

/** Instructions with their stage, continuation lines joined, comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const logical: string[] = [];
  let cur = '';
  for (const raw of text.split('\n')) {
    if (/^\s*#/.test(raw) && cur === '') continue;
    if (/^\s*#/.test(raw)) continue; // a comment inside a continued instruction
    const line = raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) {
      cur += `${line.slice(0, -1)} `;
      continue;
    }
    cur += line;
    if (cur.trim()) logical.push(cur.trim());
    cur = '';
  }
  let stage = '';
  return logical.map((l) => {
    const [, op, args] = /^(\S+)\s*(.*)$/.exec(l)!;
    const upper = op.toUpperCase();
    if (upper === 'FROM') stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? args;
    return { stage, op: upper, args };
  });
}

/** An exec-form (JSON array) argument list, e.g. ENTRYPOINT ["node", "src/main.ts"]. */
export function execForm(args: string): string[] | null {
  try {
    const v = JSON.parse(args) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
  } catch {
    return null;
  }
}

/** The HEALTHCHECK's command (exec form, after its options). */
export function healthcheckCommand(ins: Instruction[]): string[] | null {
  const hc = ins.filter((i) => i.op === 'HEALTHCHECK').at(-1);
  const m = hc && /(?:^|\s)CMD\s+(\[.*\])\s*$/.exec(hc.args);
  return m ? execForm(m[1]) : null;
}

const SECRET_NAME = /KEYRING|TOKEN|PASSWORD|SECRET|DATABASE_URL|PRIVATE/i;

export function dockerfileProblems(text: string, ctx: Context): string[] {
  const problems: string[] = [];
  const ins = parseDockerfile(text);
  const stages = [...new Set(ins.filter((i) => i.op === 'FROM').map((i) => i.stage))];
  if (stages.length < 2) problems.push('not a multi-stage build');
  const runtime = stages.at(-1);
  const final = ins.filter((i) => i.stage === runtime);
  // The image runs on the base image's Node: the same major as the one the suite runs on.
  const major = ctx.nodeMajor;
  const nodeImage = ins.find((i) => i.op === 'ARG' && i.args.startsWith('NODE_IMAGE='));
  if (nodeImage && !new RegExp(`^NODE_IMAGE=node:${major}(-[\\w.-]+)?$`).test(nodeImage.args))
    problems.push(`ARG ${nodeImage.args}: not a Node ${major} image`);
  for (const i of ins.filter((x) => x.op === 'FROM')) {
    const image = i.args.split(/\s+/)[0];
    if (!(new RegExp(`^node:${major}(-[\\w.-]+)?$`).test(image) || (image === '${NODE_IMAGE}' && nodeImage)))
      problems.push(`FROM ${i.args}: not a Node ${major} image`);
  }

  // Every npm command is one CI runs: its install (production-only allowed), or an npm script.
  const npmCommands = ins
    .filter((i) => i.op === 'RUN')
    .flatMap((i) =>
      i.args
        .split(/&&|;/)
        .map((s) => s.trim())
        .filter((s) => /^npm\b/.test(s)),
    );
  let builtConsole = false;
  for (const cmd of npmCommands) {
    const run = /^npm run ([\w:-]+)$/.exec(cmd);
    if (run) {
      if (!(run[1] in ctx.scripts)) problems.push(`RUN ${cmd}: no such npm script in package.json`);
      if (run[1] === 'build:console') builtConsole = true;
    } else if (cmd !== ctx.ciInstall && cmd !== ctx.ciInstall.replace(/^npm ci/, 'npm ci --omit=dev') && cmd !== 'npm cache clean --force') {
      problems.push(`RUN ${cmd}: not the install CI runs (${ctx.ciInstall}) nor an npm script`);
    }
  }
  if (!npmCommands.includes(ctx.ciInstall)) problems.push(`no stage installs with CI's command (${ctx.ciInstall})`);
  if (!builtConsole) problems.push('the console is not built at image build (npm run build:console)');
  if (
    !final.some((i) => i.op === 'RUN' && /npm ci --omit=dev/.test(i.args)) &&
    !final.some((i) => i.op === 'COPY' && /--from=\S+\s+\S*node_modules/.test(i.args) && !/--from=build\b/.test(i.args))
  )
    problems.push('the runtime stage does not take production-only dependencies');
  if (final.some((i) => i.op === 'COPY' && /--from=build\s+\S*node_modules/.test(i.args)))
    problems.push('the runtime stage copies the build stage node_modules (dev dependencies)');
  if (!final.some((i) => i.op === 'COPY' && /--from=build\s+\S*console\/dist/.test(i.args)))
    problems.push('the runtime stage has no console built in the build stage');
  for (const needed of ['src', 'package.json']) {
    if (
      !final.some(
        (i) =>
          i.op === 'COPY' &&
          !/--from=/.test(i.args) &&
          i.args
            .split(/\s+/)
            .slice(0, -1)
            .some((a) => a.replace(/^\.\//, '').replace(/\/$/, '') === needed),
      )
    )
      problems.push(`the runtime stage does not copy ${needed}`);
  }

  const user = final.filter((i) => i.op === 'USER').at(-1)?.args;
  if (!user) problems.push('the runtime stage runs as root (no USER)');
  else if (!/^[1-9]\d*(:[1-9]\d*)?$/.test(user)) problems.push(`USER ${user}: not a numeric non-root user (runAsNonRoot cannot check a name)`);

  const env = final
    .filter((i) => i.op === 'ENV')
    .map((i) => i.args)
    .join(' ');
  if (!/(^|\s)HOST=0\.0\.0\.0(\s|$)/.test(env)) problems.push('HOST=0.0.0.0 is not set in the runtime stage');
  for (const i of ins.filter((x) => x.op === 'ENV' || x.op === 'ARG')) {
    for (const m of i.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=/g)) if (SECRET_NAME.test(m[1])) problems.push(`${i.op} ${m[1]}: a secret baked into the image`);
  }
  for (const i of ins.filter((x) => x.op === 'COPY' || x.op === 'ADD')) {
    if (/keyring|secrets|\.env\b/i.test(i.args)) problems.push(`${i.op} ${i.args}: copies a secret into the image`);
  }

  const hc = healthcheckCommand(final);
  if (!hc) problems.push('no exec-form HEALTHCHECK in the runtime stage');
  else if (!hc.join(' ').includes('/readyz')) problems.push(`HEALTHCHECK ${hc.join(' ')}: does not ask /readyz`);

  const entrypoint = execForm(final.filter((i) => i.op === 'ENTRYPOINT').at(-1)?.args ?? '');
  const script = ctx.scripts.switchboard?.split(/\s+/);
  if (!entrypoint || JSON.stringify(entrypoint) !== JSON.stringify(script))
    problems.push(`ENTRYPOINT ${JSON.stringify(entrypoint)}: not the switchboard npm script (${ctx.scripts.switchboard})`);
  const cmd = execForm(final.filter((i) => i.op === 'CMD').at(-1)?.args ?? '');
  if (!cmd || !ctx.cliCommands.has(cmd[0])) problems.push(`CMD ${JSON.stringify(cmd)}: not a CLI command (${[...ctx.cliCommands].join(', ')})`);
  return problems;
}

export function dockerignoreProblems(text: string): string[] {
  const lines = new Set(
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
  return ['node_modules', '.git', 'data', '.env', 'secrets', '**/keyring*.json', 'console/dist']
    .filter((p) => !lines.has(p))
    .map((p) => `.dockerignore does not exclude ${p}`);
}
