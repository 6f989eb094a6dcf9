// Where the rest of the service meets OpenTelemetry, without loading it. src/telemetry/start.ts
// (run by main.ts only when an OTEL_* variable asks for traces) hands the API in here; until then
// every function below is a null check and nothing of OpenTelemetry is imported (type imports are
// erased).
import type * as OtelApi from '@opentelemetry/api';
import type { Span, TextMapPropagator, Tracer } from '@opentelemetry/api';

interface Tracing {
  api: typeof OtelApi;
  tracer: Tracer;
  /** What a job stores of the trace that enqueued it: the W3C trace context only (no baggage a client sent). */
  jobPropagator: TextMapPropagator;
  shutdown(): Promise<void>;
}

let active: Tracing | null = null;

export function setTracing(t: Tracing | null): void {
  active = t;
}

export const tracingOn = (): boolean => active !== null;

/** The job library's OpenTelemetry options: off (no spans, no context on jobs) unless tracing is on. */
export function jobTracing(): { enabled: boolean; propagateContext?: boolean; propagator?: TextMapPropagator } {
  return active ? { enabled: true, propagateContext: true, propagator: active.jobPropagator } : { enabled: false };
}

type SpanKindName = 'internal' | 'client';

/**
 * Runs `fn` in a span, a child of the active one (ended when it settles, marked as an error when
 * it throws). Attributes are low-cardinality facts (ids, types), never a secret or a payload.
 */
export async function inSpan<T>(
  name: string,
  opts: {
    kind?: SpanKindName;
    attributes?: Record<string, string | number | boolean>;
    /** Only inside another span (no trace of its own). */
    requireParent?: boolean;
  },
  fn: () => Promise<T>,
): Promise<T> {
  if (!active) return fn();
  const { api, tracer } = active;
  if (opts.requireParent && !api.trace.getSpan(api.context.active())) return fn();
  const kind = opts.kind === 'client' ? api.SpanKind.CLIENT : api.SpanKind.INTERNAL;
  return tracer.startActiveSpan(name, { kind, attributes: opts.attributes }, async (span: Span) => {
    try {
      return await fn();
    } catch (err) {
      span.setStatus({ code: api.SpanStatusCode.ERROR, message: (err as { code?: string }).code ?? 'error' });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** Flushes and stops the SDK (before a process exits); nothing when tracing is off. */
export async function shutdownTracing(): Promise<void> {
  const t = active;
  active = null;
  await t?.shutdown().catch(() => {});
}
