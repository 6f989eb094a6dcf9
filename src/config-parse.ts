// The typed readers of environment variables every part of the configuration uses: a bad value
// is a ConfigError naming the variable, raised at start.
export function json<T>(env: NodeJS.ProcessEnv, name: string, fallback: T): T {
  const raw = env[name];
  if (!raw) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    throw new ConfigError(`${name} must be valid JSON`);
  }
}

export function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export class ConfigError extends Error {
  readonly code = 'config.invalid';
}

export function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}


/** A duration in seconds, fractions allowed (tests use sub-second values), returned in milliseconds. */
export function secondsMs(env: NodeJS.ProcessEnv, name: string, fallbackSeconds: number, minSeconds = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallbackSeconds * 1000;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < minSeconds) throw new ConfigError(`${name} must be a number of seconds >= ${minSeconds}, got "${raw}"`);
  return Math.round(n * 1000);
}
