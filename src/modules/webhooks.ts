// Webhooks (issue 16): the management routes on the webhook service, and, in processes that
// execute runs, the dispatcher delivering the outbox through the guarded outbound client — the
// same policy integrations use (private networks only with SWITCHBOARD_ALLOW_PRIVATE_NETWORKS,
// no redirects, a timeout, a capped response body).
import { createDispatcher } from '../core/webhooks/dispatcher.ts';
import { createWebhookService } from '../core/webhooks/webhook-service.ts';
import { createOutboundClient } from '../providers/outbound/outbound-client.ts';
import { webhookRoutes } from '../surfaces/management/webhook-routes.ts';
import type { Core, FeatureModule } from './feature.ts';

/** What a receiver may answer that is read (then dropped): its status is what counts. */
const MAX_RESPONSE_BYTES = 4096;

export function webhooksModule(core: Core): FeatureModule {
  const cfg = core.config.webhooks;
  const service = createWebhookService({ db: core.db, vault: core.vault, secretGraceSeconds: cfg.secretGraceSeconds });
  const outbound = createOutboundClient({
    allowPrivateNetworks: core.config.outbound.allowPrivateNetworks,
    timeoutMs: cfg.timeoutMs,
    maxResponseBytes: MAX_RESPONSE_BYTES,
    userAgent: 'switchboard-webhooks',
  });
  const dispatcher = createDispatcher({ db: core.db, vault: core.vault, fetch: outbound, logger: core.logger.child({ component: 'webhooks' }), ...cfg });
  return {
    name: 'webhooks',
    routes: webhookRoutes(service),
    async start() {
      if (core.executesRuns) dispatcher.start();
    },
    async stop() {
      await dispatcher.stop();
      await outbound.close();
    },
  };
}
