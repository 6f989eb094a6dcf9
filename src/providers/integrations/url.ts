// Building request URLs from user-supplied base URLs without letting a path segment change the
// host: segments are percent-encoded and the result must keep the base's origin.

export type ParsedBase = { ok: true; url: URL; origin: string } | { ok: false };

/** Parses an http(s) base URL; rejects user info, query and fragment; trims trailing slashes. */
export function parseBaseUrl(value: unknown): ParsedBase {
  if (typeof value !== 'string') return { ok: false };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false };
  if (url.username || url.password || url.search || url.hash || !url.hostname) return { ok: false };
  url.pathname = url.pathname.replace(/\/+$/, '');
  return { ok: true, url, origin: url.origin };
}

/** Percent-encodes one path segment (owner, repo, tenant id, ...). */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value));
}

/** base + path (+ query); throws if the result would leave the base's origin (it cannot, by construction). */
export function joinUrl(base: URL, path: string, query?: Record<string, string>): string {
  const prefix = base.pathname === '/' ? '' : base.pathname;
  const url = new URL(base.origin + prefix + path);
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
  if (url.origin !== base.origin) throw new Error('joined URL left its base origin');
  return url.href;
}

/** Strips a known API suffix users often paste with the base (e.g. "/api/v4", "/artifactory"). */
export function stripSuffix(url: URL, suffix: string): URL {
  const copy = new URL(url.href);
  if (copy.pathname.toLowerCase().endsWith(suffix)) copy.pathname = copy.pathname.slice(0, -suffix.length) || '/';
  copy.pathname = copy.pathname.replace(/\/+$/, '');
  return copy;
}
