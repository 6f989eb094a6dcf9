// Model-listing endpoints of Anthropic, OpenAI, Google (Gemini) and Amazon Bedrock, each
// rejecting a bad key the way the real service does.
import { bearer, header, json, notFound } from '../http.ts';
import type { Handler } from '../types.ts';

export const anthropicHandler: Handler = (ex) => {
  if (ex.req.method !== 'GET' || ex.url.pathname !== '/v1/models') return notFound(ex);
  if (!header(ex, 'anthropic-version'))
    return json(ex.res, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version header is required' } });
  const key = header(ex, 'x-api-key');
  return key !== undefined && key === ex.state.valid.ai_anthropic?.api_key
    ? json(ex.res, 200, { data: [{ id: 'claude-sim', type: 'model' }], has_more: false })
    : json(ex.res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
};

export const openaiHandler: Handler = (ex) => {
  if (ex.req.method !== 'GET' || ex.url.pathname !== '/v1/models') return notFound(ex);
  const key = bearer(ex);
  return key !== undefined && key === ex.state.valid.ai_openai?.api_key
    ? json(ex.res, 200, { object: 'list', data: [{ id: 'gpt-sim', object: 'model' }] })
    : json(ex.res, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
};

export const googleHandler: Handler = (ex) => {
  if (ex.req.method !== 'GET' || ex.url.pathname !== '/v1beta/models') return notFound(ex);
  const key = header(ex, 'x-goog-api-key') ?? ex.url.searchParams.get('key') ?? undefined;
  return key !== undefined && key === ex.state.valid.ai_google?.api_key
    ? json(ex.res, 200, { models: [{ name: 'models/gemini-sim' }] })
    : json(ex.res, 400, {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }],
        },
      });
};

export const bedrockHandler: Handler = (ex) => {
  if (ex.req.method !== 'GET' || ex.url.pathname !== '/foundation-models') return notFound(ex);
  const token = bearer(ex);
  return token !== undefined && token === ex.state.valid.ai_amazon_bedrock?.bearer_token
    ? json(ex.res, 200, { modelSummaries: [{ modelId: 'anthropic.claude-sim' }] })
    : json(
        ex.res,
        403,
        { message: 'The security token included in the request is invalid.' },
        { 'x-amzn-errortype': 'UnrecognizedClientException:http://internal.amazon.com/coral/com.amazon.coral.service/' },
      );
};
