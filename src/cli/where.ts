// The line every command that reads the configuration prints first (on stderr): which data
// directory and which database it uses, so that a command run from another directory, or without
// the variables serve has, says so instead of quietly opening another embedded database.
import type { Config } from '../config.ts';
import { redactUrl } from './failure.ts';

export function whereLine(config: Config): string {
  const db = config.databaseUrl
    ? `database PostgreSQL ${redactUrl(config.databaseUrl)} (DATABASE_URL)`
    : `database embedded in ${config.dataDir}/pg (unset DATABASE_URL)`;
  return `switchboard: data directory ${config.dataDir} (SWITCHBOARD_DATA_DIR); ${db}`;
}
