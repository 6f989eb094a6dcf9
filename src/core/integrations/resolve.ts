// The one resolution rule, used by credential retrieval, platform health and anything else that
// asks "which integration does project P use for provider X?": the integration scoped to the
// project for that provider first, else the default of the provider's category (for the AI
// providers that may be another AI provider's integration: the contract groups them).
import type { Queryable } from '../../db/database.ts';
import { categoryOf } from '../../providers/integrations/names.ts';
import type { IntegrationProvider } from '../../providers/integrations/names.ts';
import { PROVIDERS } from '../../providers/integrations/names.ts';
import { AppError } from '../errors.ts';
import { findProject } from './project-repository.ts';
import { resolutionCandidates } from './integration-repository.ts';
import type { IntegrationRow } from './types.ts';

type ResolvedBy = 'project' | 'default';

export interface Resolved {
  integration: IntegrationRow;
  resolvedBy: ResolvedBy;
}

/** Both spellings of Azure DevOps are one provider. */
export function providerKeyOf(provider: IntegrationProvider): string {
  return provider === 'azuredevops' ? 'azure-devops' : provider;
}

/** The rule itself, over already loaded candidates. */
export function pickResolved(scoped: readonly IntegrationRow[], defaults: readonly IntegrationRow[], provider: IntegrationProvider): Resolved | null {
  const key = providerKeyOf(provider);
  const own = scoped.find((i) => i.provider_key === key);
  if (own) return { integration: own, resolvedBy: 'project' };
  const category = categoryOf(provider);
  const fallback = defaults.find((i) => i.category === category);
  return fallback ? { integration: fallback, resolvedBy: 'default' } : null;
}

export const projectNotFound = (identifier: string) => new AppError('project.not_found', `Project '${identifier}' not found`, { project: identifier });

/** The integration project `project` (an identifier) uses for `provider`; null when there is none. 404 for an unknown project. */
export async function resolveIntegration(q: Queryable, workspaceId: string, project: string, provider: IntegrationProvider): Promise<Resolved | null> {
  const p = await findProject(q, workspaceId, project);
  if (!p) throw projectNotFound(project);
  const { scoped, defaults } = await resolutionCandidates(q, workspaceId, p.id, { providerKey: providerKeyOf(provider), category: categoryOf(provider) });
  return pickResolved(scoped, defaults, provider);
}

/** Every integration the project resolves to, over all providers (each integration once). */
export async function resolveAllForProject(q: Queryable, workspaceId: string, project: string): Promise<Resolved[]> {
  const p = await findProject(q, workspaceId, project);
  if (!p) throw projectNotFound(project);
  const { scoped, defaults } = await resolutionCandidates(q, workspaceId, p.id);
  const seen = new Map<string, Resolved>();
  for (const provider of PROVIDERS) {
    const r = pickResolved(scoped, defaults, provider);
    if (r && !seen.has(r.integration.id)) seen.set(r.integration.id, r);
  }
  return [...seen.values()].sort((a, b) => +new Date(a.integration.created_at) - +new Date(b.integration.created_at));
}
