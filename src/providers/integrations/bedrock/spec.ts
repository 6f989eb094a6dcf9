// Amazon Bedrock API keys are bearer tokens: GET https://bedrock.{region}.amazonaws.com/foundation-models.
// AWS answers a credential it does not recognise with 403 (UnrecognizedClientException and
// friends), so the error type decides between authentication_failed and permission_denied.
import { Type } from 'typebox';
import type { OutboundResponse } from '../../outbound/outbound-client.ts';
import type { AuthTypeDefinition } from '../define-provider.ts';
import { credentialsObject, secretString } from '../fields.ts';
import { defineKeyCheckProvider } from '../key-check.ts';
import { result } from '../results.ts';

const AUTH_ERRORS = /UnrecognizedClient|InvalidClientTokenId|InvalidSignature|ExpiredToken|IncompleteSignature|MissingAuthenticationToken/i;

function awsErrorType(response: OutboundResponse): string {
  const header = response.headers.get('x-amzn-errortype') ?? '';
  const body = response.json<{ __type?: unknown }>();
  return `${header} ${typeof body?.__type === 'string' ? body.__type : ''}`;
}

const bedrockToken: AuthTypeDefinition = {
  credentials: credentialsObject({
    bearer_token: secretString(),
    region: Type.String({ pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$', description: 'an AWS region such as us-east-1' }),
  }),
  secretFields: ['bearer_token'],
};

export const bedrock = defineKeyCheckProvider({
  provider: 'ai_amazon_bedrock',
  displayName: 'Amazon Bedrock',
  label: 'Amazon Bedrock',
  authTypes: { bearer: bedrockToken, api_key: bedrockToken },
  target: ({ credentials }) => ({
    key: 'ai_amazon_bedrock',
    placeholders: { region: String(credentials.region) },
    message: 'the Bedrock endpoint is not configured correctly',
  }),
  request: ({ credentials }) => ({
    path: '/foundation-models',
    headers: { authorization: `Bearer ${String(credentials.bearer_token)}`, accept: 'application/json' },
    okMessage: 'Amazon Bedrock accepted the token',
    interpret: (r) => {
      if (r.status !== 403) return undefined;
      const type = awsErrorType(r);
      return AUTH_ERRORS.test(type)
        ? result('authentication_failed', 'Amazon Bedrock did not recognise the token', { httpStatus: 403 })
        : result('permission_denied', 'Amazon Bedrock accepted the token but denied access', { httpStatus: 403 });
    },
  }),
});
