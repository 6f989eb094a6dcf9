// The reference's words for provider-identity.yaml (served under /admin): what each operation
// does, who may call it, what its responses mean (src/http/route-docs.ts attaches them).
import type { RouteDocs } from '../../http/route-docs.ts';

export const IDENTITY_PARAMETERS: Record<string, string> = {
  connection: 'The provider connection (integer id)',
  'x-confirm': 'Confirmation of a destructive or privilege-raising action: the connection id (or `dedicated` when creating one)',
  state: 'The signed, single-use state the consent link carried',
  code: 'The authorization code Microsoft sends back: the only proof of consent',
  session_state: "Microsoft's session state (ignored)",
  tenant: 'The Entra tenant Microsoft names (accepted, never trusted)',
  error: "Microsoft's error code when consent was refused or failed",
  error_description: "Microsoft's error text (scanned for a known AADSTS number only; never shown or stored)",
  scope: 'The scopes Microsoft granted (ignored)',
};

const NOT_HERE = "Connection not found, or not in the caller's workspace";
const UNCONFIRMED = 'The `X-Confirm` confirmation is missing or names another connection (`access.confirmation_required`), or the request does not validate';

export const IDENTITY_DOCS: RouteDocs = {
  'POST /admin/tenants/:tenant/provider-connections': {
    examples: [
      { provider: 'microsoft', entra_tenant_id: 'contoso.onmicrosoft.com', display_name: 'Contoso' },
      {
        provider: 'microsoft',
        entra_tenant_id: '8d2f6a1b-3c4e-4f5a-9b6c-7d8e9f0a1b2c',
        display_name: 'Fabrikam (own app)',
        connection_type: 'dedicated',
        dedicated_credential: { credential_kind: 'client_secret', client_id: '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b', client_secret: '<client secret>' },
      },
    ],
    responses: {
      201: 'Provider connection created',
      400: 'A dedicated connection without `X-Confirm: dedicated`, or the request does not validate',
      403: 'Member lacks the required capability',
      404: 'Workspace or tenant scope not accessible',
      409: 'Duplicate connection',
    },
  },
  'POST /admin/provider-connections/:connection/admin-consent-link': {
    summary: 'Generate canonical admin consent link',
    description:
      "The Microsoft admin-consent URL for the connection's Entra tenant and app (the platform app, or the dedicated one), carrying a signed, single-use state that expires at `expires_at`. Needs `providers.manage`.",
    responses: { 200: 'Consent link generated', 403: 'Member lacks the required capability', 404: 'Connection not accessible in tenant scope' },
  },
  'GET /admin/consent/callback': {
    responses: {
      200: 'Consent callback rendered and connection updated (HTML; a 302 to the configured return URL instead when one is set)',
      400: 'A query parameter does not validate (JSON error envelope)',
      403: 'Invalid callback state (HTML)',
      404: 'Tenant or workspace context unavailable (HTML)',
    },
  },
  'POST /admin/provider-connections/:connection/verification': {
    summary: 'Start provider connection verification',
    description:
      'Starts a verification run (token acquisition and one Graph call with the connection’s credential). `status` says whether it started, was deduped onto the active one, found the scope busy, or was blocked (no consent, no usable credential). Needs `providers.run`.',
    responses: { 202: 'Verification run queued or deduped', 403: 'Member lacks the provider run capability', 404: NOT_HERE },
  },
  'PUT /admin/provider-connections/:connection/connection-type': {
    summary: 'Change the connection type explicitly',
    examples: [{ connection_type: 'dedicated' }],
    responses: {
      200: 'Connection type changed',
      400: UNCONFIRMED,
      403: 'Member lacks dedicated-management capability',
      404: NOT_HERE,
      409: 'Another workspace holds the Entra tenant for the platform app',
    },
  },
  'PUT /admin/provider-connections/:connection/dedicated-credential': {
    summary: 'Create or rotate dedicated credential',
    examples: [
      { credential_kind: 'client_secret', source: 'dedicated_manual', client_id: '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b', client_secret: '<client secret>' },
    ],
    responses: {
      200: 'Dedicated credential stored or rotated',
      403: 'Member lacks dedicated-management capability',
      404: NOT_HERE,
      409: 'The connection uses the platform app: change its type to dedicated first',
    },
  },
  'DELETE /admin/provider-connections/:connection/dedicated-credential': {
    summary: 'Delete dedicated credential',
    responses: { 204: 'Dedicated credential deleted', 400: UNCONFIRMED, 403: 'Member lacks dedicated-management capability', 404: NOT_HERE },
  },
};
