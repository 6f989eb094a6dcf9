// The console pages' Content-Security-Policy: scripts and styles only from this origin (Vite
// emits files, never inline code), API calls to this origin plus — when OIDC sign-in is on — the
// issuer's token endpoint, and no framing.
export function consoleCsp(extraConnectOrigins: readonly string[] = []): string {
  const connect = ["'self'", ...new Set(extraConnectOrigins)].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every console response carries (pages and assets). */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}
