// What every SCIM operation runs with: the configuration the bearer token resolved to (and so
// its workspace), the base URL resources are addressed under, and the service settings.
import type { Role } from '../../core/access/capabilities.ts';
import type { MemberSyncScope } from '../../core/scim/member-sync.ts';
import type { Db } from '../../db/database.ts';
import type { SchemaSettings } from '../store/schema-settings.ts';

export interface ScimSettings {
  maxResults: number;
  maxBulkOperations: number;
  maxBulkPayloadBytes: number;
  groupRoleMapping: Readonly<Record<string, Role>>;
  defaultRole: Role;
}

export interface ScimContext {
  db: Db;
  configurationId: string;
  workspaceId: string;
  syncToUserManagement: boolean;
  /** e.g. https://host/directory/resources/scim/v2.0/<configurationId> */
  baseUrl: string;
  requestId: string;
  settings: ScimSettings;
  /** Loaded by the first transaction that needs it (schema.ts). */
  schema?: SchemaSettings;
  /** The request's filter, sortBy or attributes name a URN-qualified path (learned extensions may matter). */
  namesExtensions: boolean;
}

export function memberSyncScope(ctx: ScimContext): MemberSyncScope {
  return {
    workspaceId: ctx.workspaceId,
    configurationId: ctx.configurationId,
    groupRoleMapping: ctx.settings.groupRoleMapping,
    defaultRole: ctx.settings.defaultRole,
    // Provisioning is done by the identity provider holding this configuration's token.
    actor: { type: 'scim', id: `scim_configuration:${ctx.configurationId}` },
    requestId: ctx.requestId,
  };
}
