/**
 * Simulated Microsoft Entra ID + Microsoft Graph, for tests. One loopback HTTP server plays both
 * the identity platform (authorityHost) and Graph (graphBaseUrl); point the adapter's
 * MicrosoftEndpoints at them. Nothing leaves 127.0.0.1.
 *
 *   const sim = await startEntraGraphSimulator();            // close() it in after()
 *   sim.registerApp({ tenantId: TENANT, clientId: APP, clientSecret: 's3cret',
 *                     roles: ['Organization.Read.All', 'User.Read.All'] });
 *   const endpoints = { authorityHost: sim.authorityHost, graphBaseUrl: sim.graphBaseUrl };
 *
 * Identity platform
 *   POST /{tenant}/oauth2/v2.0/token   client_credentials; client_secret, or client_assertion
 *       (JWT signed by a registered certificate's key: header x5t#S256 or x5t, RS256/PS256,
 *       aud = this token URL, iss = sub = client_id, jti, nbf, exp). Issues an RS256 JWT whose
 *       `roles` claim lists the app roles the tenant granted the app (absent when none), plus
 *       tid, appid, aud https://graph.microsoft.com. Natural errors: unknown tenant AADSTS90002,
 *       app not in tenant 700016, wrong secret 7000215, unknown certificate / bad signature
 *       700027, assertion time 700024, iss/sub mismatch 700021, no credential 7000218.
 *   GET /{tenant}/oauth2/v2.0/authorize?client_id&response_type=code&redirect_uri&scope&state
 *       &nonce&code_challenge&code_challenge_method&prompt   signs in the tenant's user
 *       (setSignedInUser; default a Global Administrator), grants the app its consentRoles when
 *       prompt=admin_consent and the user holds an admin role (else error AADSTS90094), and
 *       302s back with a single-use code and state. Without prompt the app must already be
 *       consented in the tenant (else consent_required). A `consent_refused` failure redirects
 *       with error & error_description.
 *   POST /{tenant}/oauth2/v2.0/token grant_type=authorization_code&code&redirect_uri
 *       &code_verifier (+ client authentication)   redeems the code once (54005 again, 70008
 *       expired, 700005 other tenant, 50148 PKCE mismatch, 70000 unknown/other app/redirect) for
 *       an access token and an RS256 ID token: iss {authorityHost}/{tid}/v2.0, aud client id,
 *       tid, oid, nonce, wids (when the user has roles). tamperIdTokens({ claims?, foreignKey? })
 *       changes the next ID tokens (claims, or signed by a key that is not published).
 *   GET /{tenant}/discovery/v2.0/keys  JWKS of the token-signing key.
 *
 * Graph (bearer token verified; app roles enforced like Graph: 403 without one of them)
 *   GET /v1.0/organization                   Organization.Read.All | Directory.Read.All | ...
 *   GET /v1.0/users, /v1.0/groups            $select, $top (capped), $count=true needs the
 *       ConsistencyLevel: eventual header (else 400), @odata.nextLink with an opaque $skiptoken.
 *   GET /v1.0/deviceManagement/managedDevices          DeviceManagementManagedDevices.Read.All;
 *       @odata.count on the first page. Items are computed from their index, never stored, so
 *       setDeviceCount(tenant, 100_000) costs nothing until paged. complianceState repeats
 *       COMPLIANCE_PATTERN (per 20: 12 compliant, 3 noncompliant, 2 unknown, 1 each of
 *       inGracePeriod, error, conflict); `complianceCounts(n)` gives the expected totals.
 *   GET /v1.0/deviceManagement/deviceCompliancePolicyDeviceStateSummary
 *       DeviceManagementConfiguration.Read.All; counts consistent with the devices.
 *
 * Failures: setFailure({ failure, endpoint?, tenantId?, clientId?, times? }) returns a remover.
 *   { kind: 'aadsts', code: 7000215 }      realistic Entra error JSON (token endpoint)
 *   { kind: 'status', status: 429, retryAfterSeconds: 1 }, { kind: 'status', status: 503 }
 *   { kind: 'hang' }                        never answers (close() cuts it)
 *   { kind: 'consent_refused', error?, description? }   refusal redirect from /authorize
 *   endpoint: 'token' | 'consent' | 'organization' | 'users' | 'groups' | 'managedDevices' |
 *   'complianceSummary' | 'graph' (any Graph endpoint); times: first N matching requests only.
 *
 * Throttling: throttle({ tenantId, clientId?, afterRequests?, retryAfterSeconds }) — after N
 *   Graph requests of that tenant pass, one window opens in which every request is answered 429
 *   with the Retry-After left (as Graph throttles per app and tenant); throttleWindows(tenant).
 * Request log: requests({ tenantId? }) — every Graph request with its arrival time and whether a
 *   throttle window answered it.
 * Counters: count(endpoint, { tenantId?, clientId? }), counts(), tokenRequests, resetCounts().
 * Certificates: createSelfSignedCertificate() makes a real self-signed X.509 certificate + RSA key
 * (PEM) with its x5t / x5t#S256 thumbprints.
 */
export { startEntraGraphSimulator } from './server.ts';
export type { EntraGraphSimulator, EntraGraphSimulatorOptions } from './server.ts';
export type { SimFailure } from './state.ts';
export { createSelfSignedCertificate } from './certificate.ts';
export { complianceCounts } from './data.ts';
export { SIM_ADMIN_ROLES, SIM_DIRECTORY_READERS, SIM_USER_ROLE, type IdTokenTamper } from './authorize.ts';
