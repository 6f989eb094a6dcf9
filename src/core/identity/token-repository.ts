// API tokens: SQL only. Every function takes the transaction it runs in; the callers decide who may.
import type { Queryable } from '../../db/database.ts';
import type { Keyset } from '../pagination.ts';

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
  /** The member on whose authority the token was made, and that member's state now. */
  created_by_member_id: string | null;
  creator_role: string | null;
  creator_disabled_at: Date | null;
}

/** The authentication lookup: runs outside any workspace (the workspace is what it finds out). */
export async function findTokenByHash(q: Queryable, hash: Buffer): Promise<TokenRecord | null> {
  const [row] = await q.query<TokenRecord>(
    `SELECT t.id, t.workspace_id, t.kind, t.member_id, t.name, t.capabilities, t.providers, t.projects,
            t.expires_at, t.revoked_at, m.role AS member_role, m.email AS member_email, m.disabled_at AS member_disabled_at,
            t.created_by_member_id, c.role AS creator_role, c.disabled_at AS creator_disabled_at
     FROM api_tokens t LEFT JOIN members m ON m.id = t.member_id LEFT JOIN members c ON c.id = t.created_by_member_id
     WHERE t.token_hash = $1`,
    [hash],
  );
  return row ?? null;
}

/** Why a token no longer works, or null while it does (the run-events stream asks on every tick). */
export async function tokenEndReason(q: Queryable, tokenId: string): Promise<'token_revoked' | 'token_expired' | 'member_disabled' | null> {
  const [row] = await q.query<{ revoked: boolean; expired: boolean; disabled: boolean }>(
    `SELECT t.revoked_at IS NOT NULL AS revoked, coalesce(t.expires_at <= now(), false) AS expired,
            (m.disabled_at IS NOT NULL OR c.disabled_at IS NOT NULL) AS disabled
     FROM api_tokens t LEFT JOIN members m ON m.id = t.member_id LEFT JOIN members c ON c.id = t.created_by_member_id
     WHERE t.id = $1`,
    [tokenId],
  );
  if (!row || row.revoked) return 'token_revoked';
  if (row.expired) return 'token_expired';
  if (row.disabled) return 'member_disabled';
  return null;
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
    providers?: readonly string[] | null;
    projects?: readonly string[] | null;
    expiresAt?: Date | null;
    createdBy?: string | null;
    /** The token it was minted with; the database derives the maker member from it. */
    parentTokenId?: string | null;
    /** The maker member when there is no parent token (an OIDC session). */
    createdByMemberId?: string | null;
  },
): Promise<{ id: string; created_at: Date; created_by_member_id: string | null }> {
  const [row] = await q.query<{ id: string; created_at: Date; created_by_member_id: string | null }>(
    `INSERT INTO api_tokens (workspace_id, kind, member_id, name, token_hash, display_prefix, capabilities, providers, projects, expires_at, created_by, parent_token_id, created_by_member_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id, created_at, created_by_member_id`,
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
      t.parentTokenId ?? null,
      t.createdByMemberId ?? null,
    ],
  );
  return row;
}

export interface TokenRevocationTarget {
  id: string;
  workspace_id: string;
  revoked_at: Date | null;
  member_role: string | null;
  creator_role: string | null;
}

/** A token about to be revoked, locked, with the roles that decide who may revoke it. */
export async function lockTokenForRevocation(q: Queryable, tokenId: string): Promise<TokenRevocationTarget | null> {
  const [row] = await q.query<TokenRevocationTarget>(
    `SELECT t.id, t.workspace_id, t.revoked_at, m.role AS member_role, c.role AS creator_role
     FROM api_tokens t LEFT JOIN members m ON m.id = t.member_id LEFT JOIN members c ON c.id = t.created_by_member_id
     WHERE t.id = $1 FOR UPDATE OF t`,
    [tokenId],
  );
  return row ?? null;
}

/**
 * Revokes the given tokens, or every token of (and made by) the given members, and every token
 * minted from any of them, transitively. Returns each newly revoked token with the root it was
 * reached from. The statement repeats until it finds nothing new: each run sees tokens that a
 * concurrent mint committed while the previous one waited on a row lock (see the trigger in
 * 0007_token_lineage.sql), so no child of a revoked token survives a race.
 */
export async function revokeTokenTrees(
  q: Queryable,
  roots: { tokenIds?: readonly string[]; memberIds?: readonly string[] },
): Promise<Array<{ id: string; root: string }>> {
  const tokenIds = [...(roots.tokenIds ?? [])];
  const memberIds = [...(roots.memberIds ?? [])];
  if (tokenIds.length === 0 && memberIds.length === 0) return [];
  const revoked: Array<{ id: string; root: string }> = [];
  for (;;) {
    const rows = await q.query<{ id: string; root: string }>(
      `WITH RECURSIVE tree (id, root) AS (
         SELECT t.id, CASE WHEN t.id = ANY($1::uuid[]) THEN t.id
                           WHEN t.member_id = ANY($2::uuid[]) THEN t.member_id ELSE t.created_by_member_id END
         FROM api_tokens t
         WHERE t.id = ANY($1::uuid[]) OR t.member_id = ANY($2::uuid[]) OR t.created_by_member_id = ANY($2::uuid[])
         UNION
         SELECT c.id, tree.root FROM api_tokens c JOIN tree ON c.parent_token_id = tree.id
       ), one AS (SELECT DISTINCT ON (id) id, root FROM tree ORDER BY id, root)
       UPDATE api_tokens t SET revoked_at = now()
       FROM one WHERE t.id = one.id AND t.revoked_at IS NULL
       RETURNING t.id, one.root`,
      [tokenIds, memberIds],
    );
    if (rows.length === 0) return revoked;
    revoked.push(...rows);
  }
}

export interface TokenListRow {
  id: string;
  name: string;
  kind: string;
  display_prefix: string;
  capabilities: string[] | null;
  providers: string[] | null;
  projects: string[] | null;
  member_id: string | null;
  member_role: string | null;
  parent_token_id: string | null;
  created_by_member_id: string | null;
  created_by: string | null;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** A page of the tokens of the workspace the transaction is confined to, in creation order; never the hash. */
export async function listTokens(q: Queryable, workspaceId: string, page: Keyset): Promise<Array<TokenListRow & { sort_at: string }>> {
  const [at, id] = page.after ?? [null, null];
  return q.query<TokenListRow & { sort_at: string }>(
    `SELECT t.id, t.name, t.kind, t.display_prefix, t.capabilities, t.providers, t.projects, t.member_id, m.role AS member_role,
            t.parent_token_id, t.created_by_member_id, t.created_by, t.created_at, t.expires_at, t.last_used_at, t.revoked_at,
            t.created_at::text AS sort_at
     FROM api_tokens t LEFT JOIN members m ON m.id = t.member_id
     WHERE t.workspace_id = $1 AND ($2::timestamptz IS NULL OR (t.created_at, t.id) > ($2::timestamptz, $3::uuid))
     ORDER BY t.created_at, t.id LIMIT $4`,
    [workspaceId, at, id, page.fetch],
  );
}

/** The live vendor tokens, locked (rotation and revocation replace them in the same transaction). */
export async function lockLiveVendorTokens(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ id: string }>(`SELECT id FROM api_tokens WHERE kind = 'vendor' AND revoked_at IS NULL FOR UPDATE`);
  return rows.map((r) => r.id);
}

/** Was a vendor token ever made? A revoked one counts. */
export async function vendorTokenExists(q: Queryable): Promise<boolean> {
  const rows = await q.query(`SELECT id FROM api_tokens WHERE kind = 'vendor' LIMIT 1`);
  return rows.length > 0;
}

/** The workspace of a token (null for the vendor's, undefined when there is no such token), looked up outside any workspace. */
export async function tokenWorkspace(q: Queryable, tokenId: string): Promise<string | null | undefined> {
  const [row] = await q.query<{ workspace_id: string | null }>('SELECT workspace_id FROM api_tokens WHERE id = $1', [tokenId]);
  return row ? row.workspace_id : undefined;
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
