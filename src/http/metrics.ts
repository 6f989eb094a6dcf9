// Prometheus metrics at /metrics. Labels use the route pattern, never the raw URL, so ids do
// not explode the series count.
import client from 'prom-client';

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const httpDuration = new client.Histogram({
    name: 'switchboard_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const runsStarted = new client.Counter({
    name: 'switchboard_operation_runs_started_total',
    help: 'Operation run start requests by type and disposition',
    labelNames: ['type', 'disposition'] as const,
    registers: [registry],
  });
  const runsLost = new client.Counter({
    name: 'switchboard_operation_runs_lost_total',
    help: 'Operation runs the reaper ended as failed / worker_lost, by type, where the worker died (queued: before claiming, running: after) and whether the run was started again',
    labelNames: ['type', 'phase', 'retried'] as const,
    registers: [registry],
  });
  const secretsReleased = new client.Counter({
    name: 'switchboard_secrets_released_total',
    help: 'Audited secret releases',
    labelNames: ['surface'] as const,
    registers: [registry],
  });
  return { registry, httpDuration, runsStarted, runsLost, secretsReleased };
}

export type Metrics = ReturnType<typeof createMetrics>;
