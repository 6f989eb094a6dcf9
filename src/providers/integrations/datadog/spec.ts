// GET https://api.{site}/api/v1/validate checks the API key alone. Datadog answers an invalid key
// there with 403, which on this endpoint means the key itself was not accepted.
import { Type } from 'typebox';
import { apiKeyCredentials } from '../ai-key.ts';
import { configObject } from '../fields.ts';
import { defineKeyCheckProvider } from '../key-check.ts';
import { result } from '../results.ts';

const DEFAULT_SITE = 'datadoghq.com';

export const datadog = defineKeyCheckProvider({
  provider: 'datadog',
  displayName: 'Datadog',
  label: 'Datadog',
  authTypes: {
    api_key: {
      ...apiKeyCredentials(),
      config: configObject({
        // Restricted to Datadog's own domains: the API key goes to api.{site}.
        site: Type.Optional(
          Type.String({
            pattern: '^([a-z0-9-]+\\.)?(datadoghq\\.com|datadoghq\\.eu|ddog-gov\\.com)$',
            description: 'a Datadog site such as datadoghq.com, us3.datadoghq.com or datadoghq.eu',
          }),
        ),
      }),
    },
  },
  target: ({ config }) => ({
    key: 'datadog',
    placeholders: { site: typeof config.site === 'string' ? config.site.replace(/^app\./, '') : DEFAULT_SITE },
    field: 'config.site',
    message: 'the Datadog site is not usable',
  }),
  request: ({ credentials }) => ({
    path: '/api/v1/validate',
    headers: { 'dd-api-key': String(credentials.api_key), accept: 'application/json' },
    okMessage: 'Datadog accepted the API key',
    interpret: (r) => {
      if (r.status === 200 && r.json<{ valid?: unknown }>()?.valid !== true) {
        return result('authentication_failed', 'Datadog did not confirm the API key as valid', { httpStatus: 200 });
      }
      if (r.status === 403) return result('authentication_failed', 'Datadog rejected the API key', { httpStatus: 403 });
      return undefined;
    },
  }),
});
