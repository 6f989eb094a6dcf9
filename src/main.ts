// The entry point (`node src/main.ts <command>`, bin/switchboard.mjs). Tracing, when an OTEL_*
// variable asks for it (src/telemetry/enabled.ts), must start before `pg`, `fastify` and `undici`
// are loaded — so the CLI (src/cli/main.ts), which loads them, is imported only after it. When tracing
// is off nothing of OpenTelemetry is loaded.
import { tracingRequested } from './telemetry/enabled.ts';

if (tracingRequested(process.env)) {
  try {
    await (await import('./telemetry/start.ts')).startTracing(process.env);
  } catch (err) {
    console.error(`switchboard: tracing could not start: ${(err as Error).message}`);
    process.exit(1);
  }
}
await import('./cli/main.ts');
