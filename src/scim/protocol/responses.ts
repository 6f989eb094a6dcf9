// Response envelopes shared by the resource and discovery endpoints: ListResponse
// (RFC 7644 §3.4.2), paging parameters (§3.4.2.4) and resource meta (RFC 7643 §3.1).

import { RESOURCE_TYPES, type ResourceType } from './schemas.ts';
import { iso } from '../../lib/iso-date.ts';

const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export interface ListResponse<T> {
  schemas: [typeof LIST_RESPONSE_SCHEMA];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

export function listResponse<T>(resources: T[], page: { totalResults?: number; startIndex?: number } = {}): ListResponse<T> {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: page.totalResults ?? resources.length,
    startIndex: page.startIndex ?? 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

export interface Pagination {
  /** 1-based, as SCIM counts. */
  startIndex: number;
  count: number;
  /** For SQL: OFFSET. */
  offset: number;
}

/**
 * RFC 7644 §3.4.2.4: startIndex below 1 is read as 1, a negative count as 0, and a count above
 * the server's maximum is capped (never an error). Non-numeric input falls back to defaults.
 */
export function parsePagination(startIndex: unknown, count: unknown, maxResults: number, defaultCount = maxResults): Pagination {
  const num = (v: unknown) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isFinite(n) ? Math.trunc(n) : undefined;
  };
  const start = Math.max(1, num(startIndex) ?? 1);
  const c = Math.min(maxResults, Math.max(0, num(count) ?? defaultCount));
  return { startIndex: start, count: c, offset: start - 1 };
}

export function trimBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** Weak ETag for a resource version (the `version` column). */
export function etagOf(version: number | string): string {
  return `W/"${version}"`;
}

function resourceLocation(baseUrl: string, resourceType: ResourceType, id: string): string {
  return `${trimBaseUrl(baseUrl)}${RESOURCE_TYPES[resourceType].endpoint}/${encodeURIComponent(id)}`;
}

export interface ResourceMeta {
  resourceType: ResourceType;
  created: string;
  lastModified: string;
  location: string;
  version: string;
}

export function resourceMeta(
  baseUrl: string,
  resourceType: ResourceType,
  row: { id: string; createdAt: Date | string; updatedAt: Date | string; version: number | string },
): ResourceMeta {
  return {
    resourceType,
    created: iso(row.createdAt),
    lastModified: iso(row.updatedAt),
    location: resourceLocation(baseUrl, resourceType, row.id),
    version: etagOf(row.version),
  };
}
