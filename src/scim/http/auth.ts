// The SCIM endpoint authenticates itself: `Authorization: Bearer <SCIM token>` must resolve to a
// live token of the configuration named in the URL.
//
// Which configuration and workspace a token belongs to never changes, so each node remembers it
// (a bounded map of token hash → ids). Whether the token is still live — not revoked, not past
// its rotation grace — and the configuration's current syncToUserManagement are checked on every
// request all the same, but for a remembered token that check rides in the round trip that opens
// the request's transaction (a TxGuard running scim_require_live_token, migration 0005) instead
// of costing a round trip of its own. A response that would leave without any guarded transaction
// having run (discovery, errors raised before the database) is checked first (plugin.ts), so a
// revoked token never gets anything but a 401.
import { findConfigurationByToken, liveTokenGuardSql } from '../../core/scim/configuration-repository.ts';
import { hashScimToken, looksLikeScimToken } from '../../core/scim/scim-token.ts';
import type { Db, TxGuard } from '../../db/database.ts';
import { isUuid } from '../protocol/index.ts';
import { type SchemaSettings, schemaSettingsFrom } from '../store/schema-settings.ts';
import { unauthorized } from './errors.ts';

interface ScimPrincipal {
  configurationId: string;
  workspaceId: string;
  syncToUserManagement: boolean;
}

/** One request's authentication. */
export interface ScimAuthentication {
  principal: ScimPrincipal;
  /** The token was found live during this request (false: a remembered token, not checked yet). */
  verified: boolean;
  hashHex: string;
}

/** The SQLSTATE scim_require_live_token raises. */
const TOKEN_NOT_LIVE = 'SB401';

export interface ScimAuthenticator {
  authenticate(authorization: string | undefined, configurationId: string | undefined): Promise<ScimAuthentication>;
  /** Checks an unverified authentication with a lookup of its own; false when the token is no longer live. */
  verify(auth: ScimAuthentication): Promise<boolean>;
  /** The request's database: workspace transactions carry the token check until it has passed once. */
  database(auth: ScimAuthentication, onSync: (sync: boolean) => void, onSchema?: (schema: SchemaSettings) => void): Db;
}

export function createScimAuthenticator(db: Db, opts: { rememberedTokens: number }): ScimAuthenticator {
  const remembered = new Map<string, { configurationId: string; workspaceId: string }>();
  const remember = (hashHex: string, p: ScimPrincipal) => {
    if (opts.rememberedTokens <= 0) return;
    if (remembered.size >= opts.rememberedTokens) remembered.delete(remembered.keys().next().value!);
    remembered.set(hashHex, { configurationId: p.configurationId, workspaceId: p.workspaceId });
  };

  async function lookup(hashHex: string): Promise<ScimPrincipal | null> {
    const row = await findConfigurationByToken(db, Buffer.from(hashHex, 'hex'));
    if (!row) {
      remembered.delete(hashHex);
      return null;
    }
    const principal = { configurationId: row.configuration_id, workspaceId: row.workspace_id, syncToUserManagement: row.sync_to_user_management };
    remember(hashHex, principal);
    return principal;
  }

  return {
    async authenticate(authorization, configurationId) {
      const m = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
      if (!m || !looksLikeScimToken(m[1]) || !configurationId || !isUuid(configurationId)) throw unauthorized();
      const hashHex = hashScimToken(m[1]).toString('hex');
      const urlConfiguration = configurationId.toLowerCase();
      const known = remembered.get(hashHex);
      // Another configuration's token is as good as none: it never reveals that this one exists.
      if (known) {
        if (known.configurationId !== urlConfiguration) throw unauthorized();
        // syncToUserManagement is set by the guard before any statement's result is used.
        return { principal: { ...known, syncToUserManagement: false }, verified: false, hashHex };
      }
      const principal = await lookup(hashHex);
      if (!principal || principal.configurationId !== urlConfiguration) throw unauthorized();
      return { principal, verified: true, hashHex };
    },

    async verify(auth) {
      if (auth.verified) return true;
      const principal = await lookup(auth.hashHex);
      auth.verified = principal !== null && principal.configurationId === auth.principal.configurationId;
      return auth.verified;
    },

    database(auth, onSync, onSchema) {
      return {
        ...db,
        workspaceTx: (workspaceId, fn) => {
          if (auth.verified) return db.workspaceTx(workspaceId, fn);
          // Both inlined values are validated: a hex digest and a UUID (from the remembered row).
          const guard: TxGuard = {
            sql: liveTokenGuardSql(auth.hashHex, auth.principal.configurationId),
            passed: (rows) => {
              auth.verified = true;
              onSync(rows[0].sync === true);
              onSchema?.(schemaSettingsFrom(rows[0].policy, rows[0].learned));
            },
          };
          return db.workspaceTx(workspaceId, fn, guard).catch((err: { code?: string }) => {
            if (err?.code !== TOKEN_NOT_LIVE) throw err;
            remembered.delete(auth.hashHex);
            throw unauthorized();
          });
        },
      };
    },
  };
}
