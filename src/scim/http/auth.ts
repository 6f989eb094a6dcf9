// The SCIM endpoint authenticates itself: `Authorization: Bearer <SCIM token>` must resolve to a
// live token of the configuration named in the URL. The lookup runs on the owner connection (the
// workspace is what it finds out); all later work runs confined to that workspace.
import { findConfigurationByToken } from '../../core/scim/configuration-repository.ts';
import { hashScimToken, looksLikeScimToken } from '../../core/scim/scim-token.ts';
import type { Db } from '../../db/database.ts';
import { isUuid } from '../protocol/index.ts';
import { unauthorized } from './errors.ts';

export interface ScimPrincipal {
  configurationId: string;
  workspaceId: string;
  syncToUserManagement: boolean;
}

export async function authenticateScim(db: Db, authorization: string | undefined, configurationId: string | undefined): Promise<ScimPrincipal> {
  const m = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (!m || !looksLikeScimToken(m[1]) || !configurationId || !isUuid(configurationId)) throw unauthorized();
  const row = await findConfigurationByToken(db, hashScimToken(m[1]));
  // Another configuration's token is as good as none: it never reveals that this one exists.
  if (!row || row.configuration_id !== configurationId.toLowerCase()) throw unauthorized();
  return { configurationId: row.configuration_id, workspaceId: row.workspace_id, syncToUserManagement: row.sync_to_user_management };
}
