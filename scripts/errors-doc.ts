// docs/errors.md, generated from the typed map of error codes (src/core/error-codes.ts):
// `npm run docs:errors` writes it; test/core/error-codes.unit.test.ts fails when the committed
// file differs from what renderErrorsDoc() returns, so the page cannot drift from the code.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES } from '../src/core/error-codes.ts';

export const ERRORS_DOC = fileURLToPath(new URL('../docs/errors.md', import.meta.url));

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function renderErrorsDoc(): string {
  const rows = Object.entries(ERROR_CODES)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, spec]) => `| \`${code}\` | ${spec.status} | ${cell(spec.message)} |`);
  return [
    '# Error codes',
    '',
    '<!-- Generated from src/core/error-codes.ts by `npm run docs:errors`; do not edit by hand (a test compares the two). -->',
    '',
    'Every error answer of the HTTP API has the body',
    '`{"error": "<code>", "message": "<safe to show>", "request_id": "<id>"}`, the status below, and',
    'sometimes more fields: `field` on a 400 about one field of the request (the integrations',
    "contract's 400 names it; every schema failure does), `capability` on a missing capability,",
    '`integrations` on a project still in use, `active_run` on `scope_busy`. Messages are never built',
    'from a submitted value or a secret; the default message below is used where the service has',
    'nothing more precise to say. The SCIM 2.0 endpoint answers in RFC 7644 form instead',
    '(`application/scim+json`, `scimType`).',
    '',
    `${rows.length} codes:`,
    '',
    '| Code | HTTP status | Default message |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

if (import.meta.main) {
  writeFileSync(ERRORS_DOC, renderErrorsDoc());
  console.log(`wrote ${ERRORS_DOC}`);
}
