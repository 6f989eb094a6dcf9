// HTTP Event Collector: GET {host}/services/collector/health with `Authorization: Splunk <token>`.
// HEC reports token problems with its own codes: 4 invalid token, 1 token disabled, 2/3 missing
// or malformed authorization.
import { apiKeyCredentials } from '../ai-key.ts';
import { configObject, httpUrl } from '../fields.ts';
import { defineKeyCheckProvider } from '../key-check.ts';
import { urlFields } from '../refinements.ts';
import { ext, result } from '../results.ts';

export const splunk = defineKeyCheckProvider({
  provider: 'splunk',
  displayName: 'Splunk',
  label: 'Splunk',
  authTypes: {
    api_key: {
      ...apiKeyCredentials(),
      config: configObject({ host: httpUrl() }),
      refine: urlFields('config', ['host']),
    },
  },
  target: ({ config }) => ({ url: config.host, field: 'config.host', message: 'the Splunk HEC host is missing or not usable' }),
  request: ({ credentials }) => ({
    path: '/services/collector/health',
    headers: { authorization: `Splunk ${String(credentials.api_key)}`, accept: 'application/json' },
    okMessage: 'Splunk HEC accepted the token',
    interpret: (r) => {
      if (r.status !== 401 && r.status !== 403) return undefined;
      const code = r.json<{ code?: unknown }>()?.code;
      if (code === 1) return result(ext('splunk', 'token_disabled'), 'the Splunk HEC token is disabled', { httpStatus: r.status, hecCode: 1 });
      if (r.status === 401 || code === 4)
        return result('authentication_failed', 'Splunk rejected the HEC token', {
          httpStatus: r.status,
          ...(typeof code === 'number' ? { hecCode: code } : {}),
        });
      return result('permission_denied', 'Splunk accepted the HEC token but denied access', { httpStatus: 403 });
    },
  }),
});
