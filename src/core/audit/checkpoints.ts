// Signed checkpoints of the audit chains, kept outside the database: "chain C had N events and
// its head MAC was H at time T", signed with an Ed25519 key derived from the keyring. A database
// owner who cuts a chain's tail, rewinds its head, deletes and renumbers a range or truncates the
// tables cannot make the database agree with checkpoints already written. Where they go is a
// CheckpointSink: an append-only NDJSON file by default; streams to a SIEM can be added.
import { sign, verify } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stableStringify } from '../../lib/stable-json.ts';
import { type AuditKeys, isKeyUnavailable } from './audit-keys.ts';

export interface Checkpoint {
  chain: string;
  seq: number;
  /** The head MAC at `seq`, hex. */
  mac: string;
  /** When it was signed, ISO 8601. */
  at: string;
  /** The signing key (audit-keys.ts keyId): `v<keyring version>:<fingerprint>`. */
  key_id: string;
  /** Ed25519 signature over the fields above, base64url. */
  sig: string;
}

interface CheckpointRead {
  checkpoints: Checkpoint[];
  /** 1-based line numbers that are not a checkpoint at all. */
  malformed: number[];
}

/** Where checkpoints are written. `read` is for sinks that can be read back (verification, restart). */
export interface CheckpointSink {
  readonly description: string;
  append(checkpoints: Checkpoint[]): Promise<void>;
  read?(): Promise<CheckpointRead>;
}

const signedText = (c: Omit<Checkpoint, 'sig'>) => Buffer.from(stableStringify(['switchboard-audit-checkpoint/1', c.chain, c.seq, c.mac, c.at, c.key_id]));

export function signCheckpoint(keys: AuditKeys, head: { chain: string; seq: number; mac: Uint8Array }, at: Date): Checkpoint {
  const version = keys.activeVersion();
  const body = { chain: head.chain, seq: head.seq, mac: Buffer.from(head.mac).toString('hex'), at: at.toISOString(), key_id: keys.keyId(version) };
  return { ...body, sig: sign(null, signedText(body), keys.signingKey(version)).toString('base64url') };
}

export type CheckpointCheck = 'ok' | 'checkpoint_key_unknown' | 'checkpoint_signature_invalid';

export function checkCheckpoint(keys: AuditKeys, c: Checkpoint): CheckpointCheck {
  const m = /^v(\d{1,6}):[0-9a-f]{16}$/.exec(c.key_id);
  if (!m) return 'checkpoint_key_unknown';
  let id: string;
  try {
    id = keys.keyId(Number(m[1]));
  } catch (err) {
    // A key that exists but cannot be had now (its KMS unreachable) says nothing about the checkpoint.
    if (isKeyUnavailable(err)) throw err;
    return 'checkpoint_key_unknown'; // that keyring version is not (or no longer) in the keyring
  }
  if (id !== c.key_id) return 'checkpoint_key_unknown';
  const { sig, ...body } = c;
  const ok = verify(null, signedText(body), keys.publicKey(Number(m[1])), Buffer.from(sig, 'base64url'));
  return ok ? 'ok' : 'checkpoint_signature_invalid';
}

function parseLine(line: string): Checkpoint | null {
  try {
    const c = JSON.parse(line) as Checkpoint;
    const valid =
      typeof c.chain === 'string' &&
      Number.isSafeInteger(c.seq) &&
      c.seq >= 1 &&
      typeof c.mac === 'string' &&
      /^[0-9a-f]{64}$/.test(c.mac) &&
      typeof c.at === 'string' &&
      typeof c.key_id === 'string' &&
      typeof c.sig === 'string';
    return valid ? c : null;
  } catch {
    return null;
  }
}

const CHECKPOINT_FILE = 'audit-checkpoints.ndjson';

/**
 * Appends to `<dir>/audit-checkpoints.ndjson`: one JSON line per checkpoint, fsynced, the file
 * 0600 and a directory it creates 0700 whatever the umask. Never rewrites a line.
 */
export function fileCheckpointSink(dir: string): CheckpointSink {
  const path = join(dir, CHECKPOINT_FILE);
  return {
    description: `checkpoint file ${path}`,
    async append(checkpoints) {
      if (checkpoints.length === 0) return;
      if (!existsSync(dir)) {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        chmodSync(dir, 0o700);
      }
      const fh = await open(path, 'a', 0o600);
      try {
        await fh.chmod(0o600);
        await fh.write(checkpoints.map((c) => `${JSON.stringify(c)}\n`).join(''));
        await fh.sync();
      } finally {
        await fh.close();
      }
    },
    async read() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoints: [], malformed: [] };
        throw err;
      }
      const out: CheckpointRead = { checkpoints: [], malformed: [] };
      const lines = text.split('\n');
      // A last line without its newline is a write cut short (crash): not a checkpoint, and not tampering.
      if (lines[lines.length - 1] !== '') lines.pop();
      lines.forEach((line, i) => {
        if (line === '') return;
        const c = parseLine(line);
        if (c) out.checkpoints.push(c);
        else out.malformed.push(i + 1);
      });
      return out;
    },
  };
}
