// Starts OpenTelemetry tracing for this process. Imported (dynamically) by main.ts only when
// tracingRequested() says an OTEL_* variable asks for it, and before anything that loads `pg`,
// `fastify` or `undici`: the project is ESM, so `pg` (a CommonJS module imported from ESM) is
// patched through the module loader hook of import-in-the-middle, registered here first with
// module.register and told (over its message channel) to wrap only the modules an
// instrumentation asked for. Fastify is instrumented by @fastify/otel through Fastify's own
// `fastify.initialization` diagnostics channel, undici through undici's diagnostics channels,
// node's http server and client by @opentelemetry/instrumentation-http, operation runs' jobs by
// pg-boss's own support (src/core/runs/run-engine.ts).
//
// Everything else is read by the SDK from the standard variables (OTEL_SERVICE_NAME,
// OTEL_RESOURCE_ATTRIBUTES, OTEL_EXPORTER_OTLP_*, OTEL_TRACES_SAMPLER, OTEL_BSP_*,
// OTEL_PROPAGATORS, ...); docs/operations.md lists the ones that matter here.
import { register } from 'node:module';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import * as api from '@opentelemetry/api';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace';
import { ConfigError } from '../config/read-environment.ts';
import { setTracing } from '../lib/tracing.ts';
import { scrubbingExporter } from './scrub.ts';

async function exporterFrom(env: NodeJS.ProcessEnv): Promise<SpanExporter> {
  const name = (env.OTEL_TRACES_EXPORTER ?? '').split(',')[0]?.trim() || 'otlp';
  if (name === 'console') return new ConsoleSpanExporter();
  if (name !== 'otlp') throw new ConfigError(`OTEL_TRACES_EXPORTER=${name} is not supported (otlp, console or none)`);
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf').trim();
  // Each exporter reads its endpoint, headers, timeout and compression from OTEL_EXPORTER_OTLP_*.
  switch (protocol) {
    case 'http/protobuf':
      return new (await import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter();
    case 'http/json':
      return new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter();
    case 'grpc':
      return new (await import('@opentelemetry/exporter-trace-otlp-grpc')).OTLPTraceExporter();
    default:
      throw new ConfigError(`OTEL_EXPORTER_OTLP_PROTOCOL=${protocol} is not supported (http/protobuf, http/json or grpc)`);
  }
}

export async function startTracing(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const exporter = await exporterFrom(env);
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ? undefined : 'switchboard',
    traceExporter: scrubbingExporter(exporter),
    instrumentations: [
      // Incoming and outgoing node:http (the server under Fastify; the KMS SDKs' clients). No headers are recorded.
      new HttpInstrumentation(),
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
      // SQL as its text with $n placeholders, never the values; only inside a request or a run
      // (the job library's polling would otherwise be a trace every half second).
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false, addSqlCommenterCommentToQueries: false }),
      new UndiciInstrumentation(),
    ],
  });
  sdk.start();
  await waitForAllMessagesAcknowledged();
  setTracing({ api, tracer: api.trace.getTracer('switchboard'), jobPropagator: new W3CTraceContextPropagator(), shutdown: () => sdk.shutdown() });
}
