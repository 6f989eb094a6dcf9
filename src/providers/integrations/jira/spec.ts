import { defineProvider } from '../define-provider.ts';
import { jiraBasic, jiraOAuthClientCredentials } from './shapes.ts';
import { verifyJira } from './verify.ts';

export const jira = defineProvider({
  provider: 'jira',
  displayName: 'Jira',
  // The contract lists both `basic` and `basic_auth`; Jira accepts either with the same shape.
  authTypes: { basic_auth: jiraBasic, basic: jiraBasic, oauth_client_credentials: jiraOAuthClientCredentials },
  verify: (authType, credentials, _config, ctx) => verifyJira(authType, credentials, ctx),
});
