import type { Queryable } from '../../db/database.ts';

export interface TokenRecord {
  id: string;
  workspace_id: string | null;
  kind: 'vendor' | 'member' | 'application';
  member_id: string | null;
  name: string;
  capabilities: string[] | null;
  providers: string[] | null;
  projects: string[] | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  member_role: string | null;
  member_email: string | null;
  member_disabled_at: Date | null;
}

/** The authentication lookup: runs outside any workspace (the workspace is what it finds out). */
export async function findTokenByHash(q: Queryable, hash: Buffer): Promise<TokenRecord | null> {
  const [row] = await q.query<TokenRecord>(
    `SELECT t.id, t.workspace_id, t.kind, t.member_id, t.name, t.capabilities, t.providers, t.projects,
            t.expires_at, t.revoked_at, m.role AS member_role, m.email AS member_email, m.disabled_at AS member_disabled_at
     FROM api_tokens t LEFT JOIN members m ON m.id = t.member_id
     WHERE t.token_hash = $1`,
    [hash],
  );
  return row ?? null;
}

export async function insertToken(
  q: Queryable,
  t: {
    workspaceId: string | null;
    kind: TokenRecord['kind'];
    memberId?: string | null;
    name: string;
    hash: Buffer;
    displayPrefix: string;
    capabilities?: string[] | null;
    providers?: string[] | null;
    projects?: string[] | null;
    expiresAt?: Date | null;
    createdBy?: string | null;
  },
): Promise<{ id: string; created_at: Date }> {
  const [row] = await q.query<{ id: string; created_at: Date }>(
    `INSERT INTO api_tokens (workspace_id, kind, member_id, name, token_hash, display_prefix, capabilities, providers, projects, expires_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id, created_at`,
    [
      t.workspaceId,
      t.kind,
      t.memberId ?? null,
      t.name,
      t.hash,
      t.displayPrefix,
      t.capabilities ?? null,
      t.providers ?? null,
      t.projects ?? null,
      t.expiresAt ?? null,
      t.createdBy ?? null,
    ],
  );
  return row;
}

export async function touchTokens(q: Queryable, used: Map<string, Date>): Promise<void> {
  if (used.size === 0) return;
  await q.query(
    `UPDATE api_tokens t SET last_used_at = u.at
     FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at)
     WHERE t.id = u.id AND (t.last_used_at IS NULL OR t.last_used_at < u.at)`,
    [[...used.keys()], [...used.values()]],
  );
}
