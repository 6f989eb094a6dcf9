// HTTP Event Collector: GET {host}/services/collector/health with `Authorization: Splunk <token>`.
// HEC reports token problems with its own codes: 4 invalid token, 1 token disabled, 2/3 missing
// or malformed authorization.
import { apiKeyCredentials } from '../ai-key.ts';
import { defineProvider } from '../define-provider.ts';
import { configObject, httpUrl } from '../fields.ts';
import { urlFields } from '../refinements.ts';
import { ext, missingConfiguration, result } from '../results.ts';
import { simpleCheck } from '../simple-check.ts';
import { parseBaseUrl } from '../url.ts';

export const splunk = defineProvider({
  provider: 'splunk',
  displayName: 'Splunk',
  authTypes: {
    api_key: {
      ...apiKeyCredentials(),
      config: configObject({ host: httpUrl() }),
      refine: urlFields('config', ['host']),
    },
  },
  async verify(_authType, credentials, config, ctx) {
    const base = parseBaseUrl(config.host);
    if (!base.ok) return missingConfiguration('config.host', 'the Splunk HEC host is missing or not usable');
    return simpleCheck(ctx, {
      provider: 'splunk',
      label: 'Splunk',
      base: base.url,
      path: '/services/collector/health',
      headers: { authorization: `Splunk ${String(credentials.api_key)}`, accept: 'application/json' },
      okMessage: 'Splunk HEC accepted the token',
      interpret: (r) => {
        if (r.status !== 401 && r.status !== 403) return undefined;
        const code = r.json<{ code?: unknown }>()?.code;
        if (code === 1) return result(ext('splunk', 'token_disabled'), 'the Splunk HEC token is disabled', { httpStatus: r.status, hecCode: 1 });
        if (r.status === 401 || code === 4) return result('authentication_failed', 'Splunk rejected the HEC token', { httpStatus: r.status, ...(typeof code === 'number' ? { hecCode: code } : {}) });
        return result('permission_denied', 'Splunk accepted the HEC token but denied access', { httpStatus: 403 });
      },
    });
  },
});
