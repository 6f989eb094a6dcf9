// compose.yaml's rules: PostgreSQL with a readiness check, one migration, two API nodes (no
// inline workers) and one worker, each on a CLI command of the image's entry point, the keyring
// from a compose secret file and the database password from the environment.
import type { Context } from './context.ts';

export function composeProblems(doc: any, ctx: Context, imageHealthcheck: string[]): string[] {
  const problems: string[] = [];
  const services = (doc?.services ?? {}) as Record<string, any>;
  const secrets = (doc?.secrets ?? {}) as Record<string, { file?: string }>;
  const ours = Object.entries(services).filter(([, s]) => s.build !== undefined || /switchboard/.test(s.image ?? ''));
  const byCommand = (c: string) => ours.filter(([, s]) => s.command?.[0] === c);
  const db = Object.entries(services).find(([, s]) => /^postgres:/.test(s.image ?? ''));
  if (!db) problems.push('no PostgreSQL service');
  else {
    const test = [db[1].healthcheck?.test].flat().join(' ');
    if (!/pg_isready/.test(test)) problems.push(`${db[0]}: no pg_isready healthcheck`);
  }
  if (byCommand('serve').length !== 2) problems.push(`${byCommand('serve').length} API (serve) services, not 2`);
  if (byCommand('worker').length !== 1) problems.push(`${byCommand('worker').length} worker services, not 1`);
  for (const [name, s] of ours) {
    const env = (s.environment ?? {}) as Record<string, string>;
    if (!Array.isArray(s.command) || !ctx.cliCommands.has(s.command[0])) problems.push(`${name}: command ${JSON.stringify(s.command)} is not a CLI command`);
    if (s.entrypoint !== undefined) problems.push(`${name}: overrides the image's entry point`);
    if (env.HOST !== '0.0.0.0') problems.push(`${name}: HOST is not 0.0.0.0`);
    if (!/\$\{POSTGRES_PASSWORD:\?[^}]*\}@/.test(env.DATABASE_URL ?? ''))
      problems.push(`${name}: DATABASE_URL does not take its password from the environment`);
    if (s.command?.[0] === 'migrate') {
      if (env.SWITCHBOARD_KEYRING_FILE || env.SWITCHBOARD_KEYRING || (s.secrets ?? []).length)
        problems.push(`${name}: the migration is given the keys, which it does not need`);
    } else {
      const secretName = /^\/run\/secrets\/([\w.-]+)$/.exec(env.SWITCHBOARD_KEYRING_FILE ?? '')?.[1];
      if (!secretName) problems.push(`${name}: SWITCHBOARD_KEYRING_FILE is not a compose secret (/run/secrets/…)`);
      else if (!(s.secrets ?? []).includes(secretName) || !secrets[secretName]?.file)
        problems.push(`${name}: the keyring secret ${secretName} is not given to it as a file`);
    }
    if (env.SWITCHBOARD_KEYRING) problems.push(`${name}: SWITCHBOARD_KEYRING written into compose.yaml`);
    if (s.read_only !== true) problems.push(`${name}: the container's filesystem is writable (read_only: true)`);
    if (!(s.tmpfs ?? []).includes('/tmp')) problems.push(`${name}: no tmpfs at /tmp`);
    if (!(s.cap_drop ?? []).includes('ALL')) problems.push(`${name}: capabilities are not dropped (cap_drop: [ALL])`);
    if (!(s.security_opt ?? []).includes('no-new-privileges:true')) problems.push(`${name}: privileges can be gained (security_opt no-new-privileges:true)`);
    if (s.user !== undefined && /^(0|root)(:|$)/.test(String(s.user))) problems.push(`${name}: runs as root`);
    if (s.privileged) problems.push(`${name}: privileged`);
    const after = s.depends_on ?? {};
    if (db && after[db[0]]?.condition !== 'service_healthy') problems.push(`${name}: does not wait for a healthy ${db?.[0]}`);
    const cmd = s.command?.[0];
    if (cmd === 'serve' || cmd === 'worker') {
      const migrator = byCommand('migrate')[0]?.[0];
      if (!migrator || after[migrator]?.condition !== 'service_completed_successfully') problems.push(`${name}: does not wait for the migration to complete`);
    }
    if (cmd === 'serve') {
      if (env.SWITCHBOARD_WORKER_MODE !== 'off') problems.push(`${name}: an API node with SWITCHBOARD_WORKER_MODE not "off"`);
      if (JSON.stringify(s.healthcheck?.test) !== JSON.stringify(['CMD', ...imageHealthcheck]))
        problems.push(`${name}: its healthcheck is not the image's /readyz check`);
    } else if (s.healthcheck?.disable !== true) {
      problems.push(`${name}: serves no HTTP but keeps the image's /readyz healthcheck`);
    }
  }
  // No literal secret anywhere: every variable named like one is an interpolation or a file path.
  for (const [name, s] of Object.entries(services)) {
    for (const [k, v] of Object.entries((s.environment ?? {}) as Record<string, string>)) {
      if (/PASSWORD|TOKEN|SECRET|KEYRING$/.test(k) && !/^\$\{[A-Z_]+(:\?[^}]*)?\}$/.test(String(v))) problems.push(`${name}: ${k} has a literal value`);
    }
  }
  return problems;
}
