// The typed Switchboard client: openapi-fetch over the types generated from the served
// /openapi.json (schema.d.ts, `npm run client:generate`). Every path, parameter, body and answer is
// typed; errors come back as `{ error }` carrying the service's `{ error, message, request_id }`.
import createClient, { type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema.d.ts';

export type { components, operations, paths } from './schema.d.ts';

export interface SwitchboardClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** The service's origin, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** An `sbt_` API token (or an OIDC access token), sent as `Authorization: Bearer`. */
  token: string;
}

export function createSwitchboardClient({ baseUrl, token, headers, ...rest }: SwitchboardClientOptions) {
  return createClient<paths>({ baseUrl, ...rest, headers: { ...(headers as Record<string, string> | undefined), authorization: `Bearer ${token}` } });
}

export type SwitchboardClient = ReturnType<typeof createSwitchboardClient>;
