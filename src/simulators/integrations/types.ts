import type { IncomingMessage, ServerResponse } from 'node:http';

/** One simulated server each; aux servers (entra, atlassian_*, newrelic_eu) check their provider's credentials. */
export const SIMULATOR_TARGETS = [
  'github',
  'github_packages',
  'ai_github_copilot',
  'azure-devops',
  'entra',
  'jira',
  'atlassian_auth',
  'atlassian_api',
  'gitlab',
  'jfrog',
  'npm',
  'ai_anthropic',
  'ai_openai',
  'ai_google',
  'ai_amazon_bedrock',
  'datadog',
  'newrelic',
  'newrelic_eu',
  'splunk',
] as const;

export type SimulatorTarget = (typeof SIMULATOR_TARGETS)[number];

/** Providers whose accepted credentials `setValid` configures (azuredevops is an alias of azure-devops). */
export type SimulatedProvider =
  | 'github'
  | 'github_packages'
  | 'ai_github_copilot'
  | 'azure-devops'
  | 'azuredevops'
  | 'jira'
  | 'gitlab'
  | 'jfrog'
  | 'npm'
  | 'ai_anthropic'
  | 'ai_openai'
  | 'ai_google'
  | 'ai_amazon_bedrock'
  | 'datadog'
  | 'newrelic'
  | 'splunk';

export type FailureMode =
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'throttled' // 429 with Retry-After: 17
  | 'server_error' // 500
  | 'hang' // never answers (until close)
  | 'redirect' // 302 to the trap server, another origin
  | 'non_authoritative' // 203 with an HTML sign-in page (Azure DevOps style)
  | 'accepted' // 202 with an empty body
  | 'not_found'; // 404

export interface RecordedRequest {
  target: SimulatorTarget | 'trap';
  method: string;
  /** Path and query as received. */
  url: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

export type Credential = Record<string, unknown>;

export interface SimState {
  valid: Partial<Record<Exclude<SimulatedProvider, 'azuredevops'>, Credential>>;
  failures: Partial<Record<SimulatorTarget, FailureMode>>;
  /** Tokens the simulated token endpoints issued, by issuer. */
  issued: Map<string, { issuer: 'entra' | 'atlassian' | 'github_installation'; installationId?: string }>;
  githubRepositories: Set<string>;
  trapUrl: string;
}

export interface Exchange {
  state: SimState;
  target: SimulatorTarget;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: string;
}

export type Handler = (exchange: Exchange) => void | Promise<void>;
