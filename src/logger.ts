// pino, with every field name secrets travel under redacted at any of the first three levels.
import pino, { type Logger } from 'pino';
import { SECRET_KEYS } from './lib/redact.ts';

export function createLogger(level: string): Logger {
  const paths = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'];
  for (const k of SECRET_KEYS) paths.push(k, `*.${k}`, `*.*.${k}`);
  return pino({ level, redact: { paths, censor: '[redacted]' }, base: { service: 'switchboard' } });
}
