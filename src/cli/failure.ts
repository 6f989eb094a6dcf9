// Every failure of the command line as one line that names what to fix: the variable, the file or
// the directory (issue 18). A configuration error already is one (config/read-environment.ts); a
// database that does not answer, a port in use or a file that cannot be read is turned into one
// here. The stack trace of anything else is shown only with LOG_LEVEL=debug or trace.
import { AppError } from '../core/errors.ts';
import { ConfigError, type Config } from '../config.ts';

/** Where the command was looking, for naming what to fix (absent when the configuration itself failed). */
export interface FailureContext {
  config?: Config;
}

const PG_UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
// PostgreSQL SQLSTATEs that mean the URL names the wrong server, database or user.
const PG_REFUSED: Record<string, string> = {
  '28P01': 'the password was refused',
  '28000': 'the user is not allowed to connect',
  '3D000': 'the database does not exist',
  '42501': 'the user lacks a privilege it needs',
};

/** A URL without its password, for saying which server was meant. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

function variableForPath(path: string, config?: Config): string | undefined {
  if (!config) return undefined;
  if (config.keyringFile && path === config.keyringFile) return 'SWITCHBOARD_KEYRING_FILE';
  if (path.startsWith(config.audit.checkpointDir)) return 'SWITCHBOARD_AUDIT_CHECKPOINT_DIR';
  if (path.startsWith(config.dataDir)) return 'SWITCHBOARD_DATA_DIR';
  return undefined;
}

export function describeFailure(err: unknown, ctx: FailureContext = {}): string {
  if (err instanceof ConfigError || err instanceof AppError) return err.message;
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number };
  const code = typeof e?.code === 'string' ? e.code : '';
  const config = ctx.config;
  if (config?.databaseUrl && (PG_UNREACHABLE.has(code) || /timeout exceeded when trying to connect|Connection terminated/i.test(e?.message ?? ''))) {
    return `cannot reach the PostgreSQL server named by DATABASE_URL (${redactUrl(config.databaseUrl)}): ${e.message}; check DATABASE_URL and that the server is up`;
  }
  if (config?.databaseUrl && PG_REFUSED[code]) {
    return `the PostgreSQL server named by DATABASE_URL (${redactUrl(config.databaseUrl)}) refused: ${PG_REFUSED[code]} (${e.message}); fix DATABASE_URL`;
  }
  if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || (code === 'EACCES' && e.syscall === 'listen')) {
    const where = `${e.address ?? config?.host}:${e.port ?? config?.port}`;
    const why = code === 'EADDRINUSE' ? 'is already in use' : code === 'EACCES' ? 'may not be bound by this user' : 'is not an address of this machine';
    return `cannot listen on ${where}: it ${why} (${code}); set PORT or HOST`;
  }
  if (typeof e?.path === 'string') {
    const variable = variableForPath(e.path, config);
    return `cannot ${e.syscall ?? 'use'} ${e.path} (${code || e.message})${variable ? `; check ${variable}` : ''}`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `${message.split('\n')[0]} (LOG_LEVEL=debug shows the stack trace)`;
}

/** The stack, for LOG_LEVEL=debug or trace only. */
export function wantsStack(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
}
