// Shared by the GitHub, GitHub Packages and Copilot adapters: they all speak the GitHub REST API.
import type { OutboundResponse } from '../../outbound/outbound-client.ts';
import type { ProviderCheckResult } from '../../reason-codes.ts';
import { baseUrlFor } from '../base-urls.ts';
import type { BaseUrlKey } from '../base-urls.ts';
import { fromStatus, result, retryAfterDetails } from '../results.ts';
import type { VerifyContext } from '../types.ts';
import { parseBaseUrl } from '../url.ts';
import type { ParsedBase } from '../url.ts';

export function githubHeaders(authorization: string): Record<string, string> {
  return {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    authorization,
  };
}

export function githubBase(ctx: VerifyContext, key: BaseUrlKey = 'github'): ParsedBase {
  return parseBaseUrl(baseUrlFor(ctx.baseUrls, key));
}

/** GitHub signals primary and secondary rate limits with 403 as well as 429. */
export function fromGithubStatus(provider: string, label: string, response: OutboundResponse): ProviderCheckResult {
  const limited =
    (response.status === 403 || response.status === 429) &&
    (response.headers.get('x-ratelimit-remaining') === '0' || response.headers.get('retry-after') !== null);
  if (limited) {
    return result('throttled', `${label} is rate limiting requests`, {
      httpStatus: response.status,
      ...retryAfterDetails(response.headers),
      ...(response.headers.get('x-ratelimit-reset') ? { rateLimitReset: response.headers.get('x-ratelimit-reset') } : {}),
    });
  }
  return fromStatus(provider, label, response);
}
