// Datadog key validation, New Relic NerdGraph (US and EU hosts) and Splunk HEC health.
import { header, json, notFound } from '../http.ts';
import type { Handler } from '../types.ts';

export const datadogHandler: Handler = (ex) => {
  if (ex.req.method !== 'GET' || ex.url.pathname !== '/api/v1/validate') return notFound(ex);
  const key = header(ex, 'dd-api-key');
  return key !== undefined && key === ex.state.valid.datadog?.api_key ? json(ex.res, 200, { valid: true }) : json(ex.res, 403, { errors: ['Forbidden'] });
};

export const newrelicHandler: Handler = (ex) => {
  if (ex.req.method !== 'POST' || ex.url.pathname !== '/graphql') return notFound(ex);
  let query = '';
  try {
    query = String((JSON.parse(ex.body) as { query?: unknown }).query ?? '');
  } catch {
    return json(ex.res, 400, { errors: [{ message: 'Invalid JSON' }] });
  }
  if (!/actor\s*\{\s*user\s*\{\s*email/.test(query)) return json(ex.res, 200, { errors: [{ message: 'unsupported query in simulator' }] });
  const key = header(ex, 'api-key');
  // NerdGraph reports an unusable key inside a 200 GraphQL answer.
  return key !== undefined && key === ex.state.valid.newrelic?.api_key
    ? json(ex.res, 200, { data: { actor: { user: { email: 'ops@example.com' } } } })
    : json(ex.res, 200, { data: null, errors: [{ message: 'Invalid API key', extensions: { errorClass: 'UNAUTHORIZED' } }] });
};

export const splunkHandler: Handler = (ex) => {
  if (ex.req.method !== 'GET' || ex.url.pathname !== '/services/collector/health') return notFound(ex);
  const match = /^Splunk\s+(\S+)$/.exec(header(ex, 'authorization') ?? '');
  if (!match) return json(ex.res, 401, { text: 'Token is required', code: 2 });
  return match[1] === ex.state.valid.splunk?.api_key
    ? json(ex.res, 200, { text: 'HEC is healthy', code: 17 })
    : json(ex.res, 403, { text: 'Invalid token', code: 4 });
};
