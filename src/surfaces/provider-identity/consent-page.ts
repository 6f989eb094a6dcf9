// What the administrator's browser sees after Microsoft sends it back: a small page saying what
// happened (or, when configured, a redirect to the admin suite's own page with the outcome). The
// page says only our own words: no text of the query string reaches it (consent-errors.ts maps a
// known AADSTS number to a sentence), and it carries the console's security headers, so it can be
// neither framed nor made to run anything.
import { createHash } from 'node:crypto';
import type { ConsentCallbackResult } from '../../core/connections/consent-service.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface ConsentAnswer {
  status: number;
  title: string;
  message: string;
  /** For the return-URL redirect. */
  params: Record<string, string>;
}

export function consentAnswer(r: ConsentCallbackResult): ConsentAnswer {
  switch (r.kind) {
    case 'invalid_state':
      return {
        status: 403,
        title: 'Consent link not valid',
        message: 'This consent link is invalid, has expired or was already used. Generate a new admin-consent link and try again.',
        params: { consent: 'invalid_state' },
      };
    case 'not_found':
      return { status: 404, title: 'Connection not found', message: 'The connection this consent was for no longer exists.', params: { consent: 'not_found' } };
    case 'granted':
      return {
        status: 200,
        title: 'Admin consent granted',
        message:
          r.run.disposition === 'blocked'
            ? `Consent was recorded for "${r.connection.display_name}", but its verification is blocked; see operation run ${r.run.id}.`
            : `Consent was recorded for "${r.connection.display_name}". Verification (operation run ${r.run.id}) is checking the connection now.`,
        params: { consent: 'granted', connection: String(r.connection.number), operation_run_id: String(r.run.id) },
      };
    case 'failed':
      return {
        status: 200,
        title: 'Admin consent not granted',
        message: `${r.message} (reason: ${r.reasonCode})`,
        params: { consent: 'failed', connection: String(r.connection.number), reason_code: r.reasonCode },
      };
    case 'unproven':
      return {
        status: 200,
        title: 'Admin consent not recorded',
        message: `${r.message} (reason: ${r.reasonCode})`,
        params: { consent: 'unproven', connection: String(r.connection.number), reason_code: r.reasonCode },
      };
  }
}

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}';
// The one inline style is allowed by its hash; nothing else may load, run, frame or be framed.
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** Security headers of the callback page (and of its redirect): those the console serves, for a page with no script. */
export function consentPageHeaders(): Record<string, string> {
  return {
    'content-security-policy': `default-src 'none'; style-src ${STYLE_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

export function consentPage(a: ConsentAnswer): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeHtml(a.title)}</title>
<style>${STYLE}</style></head>
<body><h1>${escapeHtml(a.title)}</h1><p>${escapeHtml(a.message)}</p><p>You can close this window.</p></body></html>
`;
}

export function returnUrl(base: string, a: ConsentAnswer): string {
  const u = new URL(base);
  for (const [k, v] of Object.entries(a.params)) u.searchParams.set(k, v);
  return u.toString();
}
