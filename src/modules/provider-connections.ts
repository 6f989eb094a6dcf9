// The provider-connections feature: both contract surfaces (provider-foundation-v1 at its own
// paths, provider-identity under /admin) on one connection model, the four Microsoft run types,
// and the periodic health checks. One token client per process, shared by every run, so tokens
// are cached per app and Entra tenant and fetched once under concurrency.
import { createConsentProver } from '../providers/microsoft/consent-proof.ts';
import { createTokenClient } from '../providers/microsoft/token-client.ts';
import { observed } from '../providers/outbound/observed.ts';
import type { Core, FeatureModule } from './feature.ts';
import { foundationRoutes } from '../surfaces/provider-foundation/routes.ts';
import { identityRoutes } from '../surfaces/provider-identity/routes.ts';
import { createConnectionService } from '../core/connections/connection-service.ts';
import { createConsentService } from '../core/connections/consent-service.ts';
import { microsoftExecutors } from '../core/connections/executors.ts';
import { createHealthScheduler, type HealthScheduler } from '../core/connections/health-scheduler.ts';

export interface ProviderConnectionsModule extends FeatureModule {
  scheduler: HealthScheduler;
}

export function providerConnectionsModule(core: Core): ProviderConnectionsModule {
  const { config, db, vault, keyring, engine, logger } = core;
  // Every call to Entra and Graph (tokens, Graph reads, the consent proof's keys) is timed for the metrics.
  const fetch = observed(globalThis.fetch, 'microsoft', core.metrics.outbound);
  const tokenClient = createTokenClient({
    endpoints: { authorityHost: config.microsoft.authorityHost, graphBaseUrl: config.microsoft.graphBaseUrl },
    timeoutMs: config.microsoft.requestTimeoutMs,
    fetch,
  });
  const connections = createConnectionService({ db, vault, engine, config });
  const prover = createConsentProver({ authorityHost: config.microsoft.authorityHost, timeoutMs: config.microsoft.requestTimeoutMs, fetch });
  const consent = createConsentService({ db, keyring, vault, engine, config, prover });
  const scheduler = createHealthScheduler({ db, engine, config, keyring, logger });
  const foundation = foundationRoutes({ connections, publicUrl: config.publicUrl });
  const identity = identityRoutes({ connections, consent, config });
  return {
    name: 'provider-connections',
    routes: async (app) => {
      await app.register(foundation);
      await app.register(identity);
    },
    runTypes: microsoftExecutors({ db, vault, keyring, config, tokenClient, fetch }),
    scheduler,
    async start() {
      // Periodic work belongs to processes that execute runs (serve with inline workers, worker).
      if (core.executesRuns) scheduler.start();
    },
    async stop() {
      await scheduler.stop();
    },
  };
}
