// Every span leaves the process through this exporter, which takes out what must never be in a
// trace, whatever instrumentation put it there: query strings (a consent callback's `code`, a
// SCIM filter's values, a vendor's `?api_key=`), user info in URLs, any attribute named like a
// credential, and bearer tokens wherever they appear. SQL is recorded as its text with `$n`
// placeholders; the instrumentations are configured never to record parameters or headers
// (start.ts), so this is the second line, not the only one.
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

type Attributes = ReadableSpan['attributes'];

/** Attributes holding a URL or its parts: their query string (and user info) is cut. */
const URL_KEYS = new Set(['url.full', 'url.path', 'url.original', 'http.url', 'http.target', 'http.route', 'url.template']);
/** Attributes dropped whole. */
const DROP_KEYS = new Set(['url.query', 'db.query.parameter', 'http.request.body', 'http.response.body']);
/** A key naming a credential (header attributes such as `http.request.header.authorization` included). */
const SECRET_KEY = /authorization|cookie|token|secret|password|api[-_.]?key|credential|signature/i;
/** Bearer and basic credentials, and Switchboard's own token shapes, wherever they occur in a value. */
const SECRET_VALUE = /\b(?:bearer|basic)\s+[A-Za-z0-9._~+/=-]+|\b(?:sbt|sbscim)_[A-Za-z0-9_-]+/gi;

export const REDACTED = '[redacted]';

function cutUrl(value: string): string {
  let v = value.replace(/\/\/[^/@?#]*@/, '//');
  const q = v.search(/[?#]/);
  if (q >= 0) v = v.slice(0, q);
  return v;
}

function scrubValue(key: string, value: unknown): unknown {
  if (typeof value === 'string') {
    const v = URL_KEYS.has(key) ? cutUrl(value) : value;
    return v.replace(SECRET_VALUE, REDACTED);
  }
  if (Array.isArray(value)) return value.map((x) => scrubValue(key, x));
  return value;
}

export function scrubAttributes(attributes: Attributes): Attributes {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attributes)) {
    if (DROP_KEYS.has(k) || k.startsWith('db.query.parameter.')) continue;
    out[k] = SECRET_KEY.test(k) ? REDACTED : scrubValue(k, v);
  }
  return out as Attributes;
}

/** The span as exported: the same span read through, with scrubbed attributes, events and name. */
function scrubSpan(span: ReadableSpan): ReadableSpan {
  return Object.create(span, {
    name: { value: String(scrubValue('url.path', span.name)) },
    attributes: { value: scrubAttributes(span.attributes) },
    events: { value: span.events.map((e) => ({ ...e, attributes: e.attributes ? scrubAttributes(e.attributes) : e.attributes })) },
    links: { value: span.links.map((l) => ({ ...l, attributes: l.attributes ? scrubAttributes(l.attributes) : l.attributes })) },
  }) as ReadableSpan;
}

export function scrubbingExporter(inner: SpanExporter): SpanExporter {
  return {
    export(spans: ReadableSpan[], done: (result: ExportResult) => void) {
      inner.export(spans.map(scrubSpan), done);
    },
    shutdown: () => inner.shutdown(),
    forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
  };
}
