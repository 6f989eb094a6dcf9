// provider-identity.yaml under /admin (its `servers` entry). Connections are addressed by their
// integer id; tenants by slug or numeric id. Destructive or privilege-raising actions need
// providers.manage_dedicated and the header `X-Confirm: <connection id>` (`X-Confirm: dedicated`
// when creating a dedicated connection).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { CONFIRM_HEADER, type ConnectionService } from '../../core/connections/connection-service.ts';
import type { ConsentService } from '../../core/connections/consent-service.ts';
import { viewUrl } from '../../core/runs/run-record.ts';
import { ctxOf } from '../../http/request-context.ts';
import { consentAnswer, consentPage, consentPageHeaders, returnUrl } from './consent-page.ts';
import { attachDocs } from '../../http/route-docs.ts';
import { IDENTITY_DOCS, IDENTITY_PARAMETERS } from './docs.ts';
import * as S from './schemas.ts';
import { credentialFromBody, identityView } from './view.ts';

export interface IdentityDeps {
  connections: ConnectionService;
  consent: ConsentService;
  config: Config;
}

const tenantRef = (t: string) => (/^\d{1,15}$/.test(t) ? { id: Number(t) } : { slug: t.toLowerCase() });
const VERIFICATION_STATUS = { created: 'started', deduped: 'deduped', scope_busy: 'scope_busy', blocked: 'blocked' } as const;

export function identityRoutes(deps: IdentityDeps): FastifyPluginAsyncTypebox {
  const { connections, consent, config } = deps;
  const view = (c: Parameters<typeof identityView>[0]) => identityView(c, config);
  const confirmHeader = Type.Object({ 'x-confirm': Type.Optional(Type.String({ description: 'the connection id (or "dedicated" when creating one)' })) });
  return async (app) => {
    const tags = ['provider-identity'];
    app.addHook('onRoute', attachDocs(IDENTITY_DOCS, IDENTITY_PARAMETERS));

    app.post(
      '/admin/tenants/:tenant/provider-connections',
      {
        schema: {
          tags,
          summary: 'Create a provider connection for a tenant',
          description: 'Platform by default. `connection_type: dedicated` needs providers.manage_dedicated and `X-Confirm: dedicated`.',
          params: S.TenantParams,
          headers: confirmHeader,
          body: S.ProviderConnectionCreateRequest,
          response: { 201: S.ProviderConnectionResponse, ...S.errors(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        const b = req.body;
        const c = await connections.create(
          ctxOf(req),
          tenantRef(req.params.tenant),
          {
            provider: b.provider,
            entraTenantId: b.entra_tenant_id,
            displayName: b.display_name,
            isDefault: b.is_default ?? true,
            connectionType: b.connection_type ?? 'platform',
            credential: b.dedicated_credential ? credentialFromBody(b.dedicated_credential) : null,
          },
          req.headers[CONFIRM_HEADER],
        );
        reply.status(201);
        return view(c);
      },
    );

    app.post(
      '/admin/provider-connections/:connection/admin-consent-link',
      { schema: { tags, params: S.ConnectionParams, response: { 200: S.AdminConsentLinkResponse, ...S.errors(400, 401, 403, 404) } } },
      async (req) => consent.link(ctxOf(req), { number: req.params.connection }),
    );

    app.get(
      '/admin/consent/callback',
      {
        // The browser arrives from Microsoft without a bearer token: the signed, single-use state
        // says which connection the answer is for; only the code, redeemed and verified, proves consent.
        config: { auth: false },
        schema: {
          tags,
          summary: 'Handle Microsoft admin consent callback',
          description:
            "Microsoft redirects here with `code` and `state` (OpenID Connect authorization-code flow) or `error`. Consent is recorded only when the code redeems to an ID token for the connection's Entra tenant signed in by a tenant administrator; `admin_consent` and `tenant` are accepted and ignored.",
          security: [],
          querystring: S.ConsentCallbackQuery,
          produces: ['text/html'],
        },
      },
      async (req, reply) => {
        const result = await consent.callback(req.query, req.id);
        if (result.kind === 'invalid_state') req.log.warn({ route: '/admin/consent/callback' }, 'consent callback refused: invalid, expired or replayed state');
        const answer = consentAnswer(result);
        reply.headers(consentPageHeaders());
        if (answer.status === 200 && config.microsoft.consentReturnUrl) return reply.redirect(returnUrl(config.microsoft.consentReturnUrl, answer), 302);
        return reply.status(answer.status).type('text/html; charset=utf-8').send(consentPage(answer));
      },
    );

    app.post(
      '/admin/provider-connections/:connection/verification',
      { schema: { tags, params: S.ConnectionParams, response: { 202: S.VerificationStartResponse, ...S.errors(400, 401, 403, 404) } } },
      async (req, reply) => {
        const r = await connections.startOperation(ctxOf(req), { number: req.params.connection }, 'verification');
        reply.status(202);
        return { status: VERIFICATION_STATUS[r.disposition], operation_run_id: Number(r.run.id), view_url: viewUrl(r.run.id, config.publicUrl) };
      },
    );

    app.put(
      '/admin/provider-connections/:connection/connection-type',
      {
        schema: {
          tags,
          description:
            'Needs providers.manage_dedicated and `X-Confirm: <connection id>`. Resets consent and verification; switching to platform deletes the dedicated credential. 409 `provider_connection.entra_tenant_bound` when another workspace holds the Entra tenant for the platform app.',
          params: S.ConnectionParams,
          headers: confirmHeader,
          body: S.ConnectionTypeRequest,
          response: { 200: S.ProviderConnectionResponse, ...S.errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const c = await connections.changeConnectionType(ctxOf(req), { number: req.params.connection }, req.body.connection_type, req.headers[CONFIRM_HEADER]);
        return view(c);
      },
    );

    app.put(
      '/admin/provider-connections/:connection/dedicated-credential',
      {
        schema: {
          tags,
          description:
            'Creates or rotates the credential of a dedicated connection (client secret, or certificate: private key + certificate). Never returned.',
          params: S.ConnectionParams,
          body: S.DedicatedCredentialRequest,
          response: { 200: S.ProviderConnectionResponse, ...S.errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const c = await connections.putCredential(ctxOf(req), { number: req.params.connection }, credentialFromBody(req.body), {
          allowTypeSwitch: false,
          confirm: undefined,
        });
        return view(c);
      },
    );

    app.delete(
      '/admin/provider-connections/:connection/dedicated-credential',
      {
        schema: {
          tags,
          description: 'Destructive: needs providers.manage_dedicated and `X-Confirm: <connection id>`.',
          params: S.ConnectionParams,
          headers: confirmHeader,
          response: { 204: Type.Null(), ...S.errors(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        await connections.deleteCredential(ctxOf(req), { number: req.params.connection }, req.headers[CONFIRM_HEADER]);
        reply.status(204).send(null);
      },
    );
  };
}
