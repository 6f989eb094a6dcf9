// GET /sfp/api/integrations/credentials: the one door through which decrypted integration
// credentials leave the service. Each credential is released through the vault's audited
// `release`, in one transaction: if any audit row cannot be written, nothing is released.
//
// Filters: project + provider → the resolved integration (project-scoped first, else the
// category default); project alone → everything that project resolves to; provider alone →
// every integration of that provider; neither → everything (members only). An application
// token must give a filter, and only reaches its narrowed providers/projects.
import type { Db, Queryable } from '../../db/database.ts';
import { isIntegrationProvider } from '../../providers/integrations/names.ts';
import { actorOf } from '../access/principal.ts';
import { inWorkspace } from '../access/in-workspace.ts';
import type { RequestContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Vault } from '../vault/vault.ts';
import { assertProjectAllowed, assertProviderAllowed, narrowingOf, workspaceOf } from './access.ts';
import { listIntegrations } from './integration-repository.ts';
import { type Resolved, resolveAllForProject, resolveIntegration } from './resolve.ts';
import { CREDENTIALS_FIELD, type Narrowing, RECORD_TYPE } from './types.ts';
import { releasedView } from './view.ts';

export interface CredentialFilter {
  provider?: string;
  project?: string;
}

const noIntegrationFound = () => new AppError('integration.not_found', 'No integration found for the specified filters');

async function select(q: Queryable, workspaceId: string, f: CredentialFilter, n: Narrowing): Promise<Resolved[]> {
  const provider = f.provider !== undefined && isIntegrationProvider(f.provider) ? f.provider : undefined;
  if (f.provider !== undefined && !provider) return [];
  let found: Resolved[];
  if (f.project !== undefined) {
    if (provider) {
      const one = await resolveIntegration(q, workspaceId, f.project, provider).catch(notFoundIsEmpty);
      found = one ? [one] : [];
    } else {
      found = (await resolveAllForProject(q, workspaceId, f.project).catch(notFoundIsEmpty)) ?? [];
    }
  } else {
    found = (await listIntegrations(q, workspaceId, { provider, narrowing: n })).map((integration) => ({ integration, resolvedBy: null as never }));
  }
  // Narrowing applies to what was resolved too (a default of another AI provider, for instance).
  return found.filter((r) => !n.providers || n.providers.includes(r.integration.provider));
}

/** An unknown project is "no integration for these filters" here (the contract's 404). */
function notFoundIsEmpty(err: unknown): null {
  if (err instanceof AppError && err.code === 'project.not_found') return null;
  throw err;
}

export function createCredentialsService(deps: { db: Db; vault: Vault }) {
  const { db, vault } = deps;
  return {
    async release(ctx: RequestContext, f: CredentialFilter) {
      const workspaceId = workspaceOf(ctx.principal);
      const n = narrowingOf(ctx.principal);
      if (ctx.principal.kind === 'application') {
        if (f.provider === undefined && f.project === undefined) {
          throw new AppError('integrations.filter_required', 'application tokens must filter credentials by provider or project');
        }
        if (f.provider !== undefined) assertProviderAllowed(n, f.provider);
        if (f.project !== undefined) assertProjectAllowed(n, f.project);
      }
      return inWorkspace(db, ctx, workspaceId, 'integrations.credentials.read', async (q) => {
        const found = await select(q, workspaceId, f, n);
        if (found.length === 0) throw noIntegrationFound();
        const out = [];
        for (const { integration, resolvedBy } of found) {
          const text = await vault.release(
            q,
            { workspaceId, recordType: RECORD_TYPE, recordId: integration.id, field: CREDENTIALS_FIELD },
            {
              workspaceId,
              actor: actorOf(ctx.principal),
              action: 'integration.credentials_released',
              target: { type: 'integration', id: integration.id },
              outcome: 'success',
              requestId: ctx.requestId,
              metadata: {
                provider: integration.provider,
                resolved_by: resolvedBy ?? 'filter',
                filter: { provider: f.provider ?? null, project: f.project ?? null },
              },
            },
          );
          // Every integration is written with its sealed credential in one transaction: a gap is a fault (500).
          if (text === null) throw new Error(`integration ${integration.id} has no sealed credential`);
          out.push(releasedView(integration, JSON.parse(text) as Record<string, unknown>, resolvedBy ?? null));
        }
        return out;
      });
    },
  };
}

export type CredentialsService = ReturnType<typeof createCredentialsService>;
