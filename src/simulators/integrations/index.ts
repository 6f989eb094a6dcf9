/**
 * Simulated integration providers on loopback, for tests that run the real adapters.
 *
 *   const sim = await startIntegrationSimulators();
 *   const fetch = createOutboundClient({ allowPrivateNetworks: true });   // loopback must be allowed
 *   const ctx = { fetch, baseUrls: sim.baseUrls, timeoutMs: 2000 };
 *   sim.setValid('github', { token: 'ghp_valid' });
 *   await getProviderSpec('github').verify({ authType: 'pat', credentials: { token: 'ghp_valid' } }, ctx); // ok
 *   sim.setFailure('github', 'throttled');   // every request to that server now answers 429 + Retry-After: 17
 *   sim.requests                              // every request received, with lower-cased headers and body
 *   await sim.close(); await fetch.close();
 *
 * One node:http server per target on 127.0.0.1:0; `baseUrls` maps each target to its server and
 * can be passed as the VerifyContext's ProviderBaseUrls as is. Providers whose URL is stored in
 * the credential take it from there: use `baseUrls['azure-devops'] + '/acme'` as an Azure DevOps
 * organization_url, `baseUrls.jira` as a Jira base_url, `baseUrls.jfrog` as a JFrog base_url,
 * `baseUrls.splunk` as the Splunk config.host. A separate trap server (`trapUrl`) is the target
 * of the 'redirect' failure; its requests are logged with target 'trap', so a test can assert
 * that no credential ever reached it.
 *
 * setValid(provider, credential) merges accepted credential fields for a provider:
 *   github              { token } (PAT)  | { appId, publicKey (PEM or KeyObject), installationId, repositories? } (App)
 *                       | { client_id, client_secret } (OAuth App)
 *   azure-devops        { token } (PAT, any organization) | { client_id, client_secret, tenant_id } (service principal via `entra`)
 *   jira                { username, api_token } (basic) | { client_id, client_secret, cloud_id } (OAuth via atlassian_auth/atlassian_api)
 *   gitlab, npm, github_packages, ai_github_copilot   { token }
 *   jfrog               { token } | { api_key }
 *   ai_anthropic, ai_openai, ai_google, datadog, newrelic (US and EU), splunk   { api_key }
 *   ai_amazon_bedrock   { bearer_token }
 * Repositories GitHub knows: `options.githubRepositories` (default ['acme/widgets']); an App is
 * installed on all of them unless its `repositories` says otherwise.
 *
 * A credential that is not accepted gets the provider's real rejection: 401 for most, 203 + HTML
 * for Azure DevOps, 403 for Datadog, 400 API_KEY_INVALID for Google, 403 UnrecognizedClient for
 * Bedrock, a 200 GraphQL error for New Relic, 403 code 4 for Splunk.
 *
 * setFailure(target, mode | null) makes every request to one server fail: 'unauthorized' 401,
 * 'forbidden' 403, 'throttled' 429 (Retry-After: 17), 'server_error' 500, 'hang' (never answers),
 * 'redirect' 302 to the trap server, 'non_authoritative' 203, 'accepted' 202, 'not_found' 404.
 * Targets are the provider names above plus 'entra', 'atlassian_auth', 'atlassian_api', 'newrelic_eu'.
 * hold(target) keeps every later request to one server waiting (recorded, unanswered) until
 * release(target) answers them as usual: a provider that is slow exactly as long as a test needs.
 * reset() clears credentials, failures and the request log (and releases held requests).
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderBaseUrls } from '../../providers/integrations/base-urls.ts';
import { answerFailure, json } from './http.ts';
import { atlassianApiHandler, atlassianAuthHandler, jiraHandler } from './handlers/atlassian.ts';
import { anthropicHandler, bedrockHandler, googleHandler, openaiHandler } from './handlers/ai.ts';
import { azureDevOpsHandler, entraHandler } from './handlers/azure.ts';
import { copilotHandler, githubHandler, githubPackagesHandler } from './handlers/github.ts';
import { datadogHandler, newrelicHandler, splunkHandler } from './handlers/observability.ts';
import { gitlabHandler, jfrogHandler, npmHandler } from './handlers/packages.ts';
import { SIMULATOR_TARGETS } from './types.ts';
import type { Credential, FailureMode, Handler, RecordedRequest, SimState, SimulatedProvider, SimulatorTarget } from './types.ts';

export type { FailureMode, SimulatedProvider, SimulatorTarget } from './types.ts';

const HANDLERS: Record<SimulatorTarget, Handler> = {
  github: githubHandler,
  github_packages: githubPackagesHandler,
  ai_github_copilot: copilotHandler,
  'azure-devops': azureDevOpsHandler,
  entra: entraHandler,
  jira: jiraHandler,
  atlassian_auth: atlassianAuthHandler,
  atlassian_api: atlassianApiHandler,
  gitlab: gitlabHandler,
  jfrog: jfrogHandler,
  npm: npmHandler,
  ai_anthropic: anthropicHandler,
  ai_openai: openaiHandler,
  ai_google: googleHandler,
  ai_amazon_bedrock: bedrockHandler,
  datadog: datadogHandler,
  newrelic: newrelicHandler,
  newrelic_eu: newrelicHandler,
  splunk: splunkHandler,
};

export interface IntegrationSimulators {
  /** Every simulator target → its http://127.0.0.1:<port> base URL. */
  baseUrls: ProviderBaseUrls & Record<SimulatorTarget, string>;
  /** Another origin; the 'redirect' failure points here. */
  trapUrl: string;
  setValid(provider: SimulatedProvider, credential: Credential): void;
  setFailure(target: SimulatorTarget | SimulatedProvider, mode: FailureMode | null): void;
  /** Later requests to `target` wait unanswered until release(target). */
  hold(target: SimulatorTarget | SimulatedProvider): void;
  /** Answers the held requests of `target` (in arrival order) and stops holding. */
  release(target: SimulatorTarget | SimulatedProvider): void;
  /** Every request received by any simulator, in arrival order (mutable: `requests.length = 0` clears it). */
  requests: RecordedRequest[];
  /** Requests received by one target (or the trap). */
  requestsTo(target: SimulatorTarget | 'trap'): RecordedRequest[];
  reset(): void;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  githubRepositories?: string[];
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function headersOf(raw: NodeJS.Dict<string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

export async function startIntegrationSimulators(options: SimulatorOptions = {}): Promise<IntegrationSimulators> {
  const requests: RecordedRequest[] = [];
  const state: SimState = {
    valid: {},
    failures: {},
    issued: new Map(),
    githubRepositories: new Set(options.githubRepositories ?? ['acme/widgets']),
    trapUrl: '',
  };
  const servers: Server[] = [];
  const held = new Map<SimulatorTarget, Array<() => void>>();

  function serve(target: SimulatorTarget | 'trap'): Server {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        requests.push({ target, method: req.method ?? 'GET', url: req.url ?? '/', headers: headersOf(req.headers), body });
        if (target === 'trap') return json(res, 200, { captured: true });
        const answer = () => {
          const exchange = { state, target, req, res, url: new URL(req.url ?? '/', 'http://simulator'), body };
          const failure = state.failures[target];
          if (failure) return answerFailure(exchange, failure);
          Promise.resolve(HANDLERS[target](exchange)).catch(() => {
            if (!res.headersSent) json(res, 500, { message: 'simulator error' });
          });
        };
        const queue = held.get(target);
        if (queue) queue.push(answer);
        else answer();
      });
    });
    servers.push(server);
    return server;
  }

  const trapUrl = await listen(serve('trap'));
  state.trapUrl = trapUrl;
  const baseUrls = {} as Record<SimulatorTarget, string>;
  for (const target of SIMULATOR_TARGETS) baseUrls[target] = await listen(serve(target));

  function release(target: SimulatorTarget | SimulatedProvider): void {
    const key = canonical(target) as SimulatorTarget;
    const queue = held.get(key) ?? [];
    held.delete(key);
    for (const answer of queue) answer();
  }

  const canonical = <T extends string>(name: T) => (name === 'azuredevops' ? 'azure-devops' : name) as Exclude<T, 'azuredevops'>;

  return {
    baseUrls,
    trapUrl,
    requests,
    setValid(provider, credential) {
      const key = canonical(provider);
      state.valid[key] = { ...state.valid[key], ...credential };
    },
    setFailure(target, mode) {
      const key = canonical(target) as SimulatorTarget;
      if (mode === null) delete state.failures[key];
      else state.failures[key] = mode;
    },
    hold(target) {
      const key = canonical(target) as SimulatorTarget;
      if (!held.has(key)) held.set(key, []);
    },
    release,
    requestsTo: (target) => requests.filter((r) => r.target === target),
    reset() {
      for (const key of [...held.keys()]) release(key);
      state.valid = {};
      state.failures = {};
      state.issued.clear();
      requests.length = 0;
    },
    async close() {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
