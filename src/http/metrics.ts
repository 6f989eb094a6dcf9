// Prometheus metrics at /metrics. Labels use the route pattern, never the raw URL, so ids do
// not explode the series count; the one label that names a record (a SCIM configuration) is
// capped (boundedLabel). Every metric here is moved by the event it names, and tested for it
// (test/http/metrics.test.ts).
import client from 'prom-client';

/** A label value kept for the first `max` distinct values seen, `_other` for every later one: a series count that cannot grow without bound. */
export function boundedLabel(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return '_other';
    seen.add(value);
    return value;
  };
}

/** SCIM configurations named in the SCIM metrics' labels; requests for any later one count under `_other`. */
const SCIM_CONFIGURATION_LABELS = 200;

/** The status class of an HTTP answer, or `error` when there was none (timeout, refused connection). */
const statusClass = (status: number | null): string => (status === null ? 'error' : `${Math.floor(status / 100)}xx`);

interface QueueCount {
  type: string;
  status: string;
  count: number;
}

export function createMetrics(opts: { queueDepth?: () => Promise<QueueCount[]> } = {}) {
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
    help: 'Operation run start requests by type and disposition (created, deduped, scope_busy, blocked; retried: started again by the reaper after its worker was lost)',
    labelNames: ['type', 'disposition'] as const,
    registers: [registry],
  });
  const runsLost = new client.Counter({
    name: 'switchboard_operation_runs_lost_total',
    help: 'Operation runs the reaper ended as failed / worker_lost, by type, where the worker died (queued: before claiming, running: after) and whether the run was started again',
    labelNames: ['type', 'phase', 'retried'] as const,
    registers: [registry],
  });
  const runDuration = new client.Histogram({
    name: 'switchboard_operation_run_duration_seconds',
    help: 'Operation run execution time on a worker (claim to stored outcome), by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
    registers: [registry],
  });
  const queueDepth = opts.queueDepth;
  new client.Gauge({
    name: 'switchboard_operation_runs',
    help: 'Operation runs waiting for a worker (queued) or executing (running), by type, read from the database at each scrape',
    labelNames: ['type', 'status'] as const,
    registers: [registry],
    async collect() {
      if (!queueDepth) return;
      this.reset();
      for (const r of await queueDepth()) this.set({ type: r.type, status: r.status }, r.count);
    },
  });
  const secretsReleased = new client.Counter({
    name: 'switchboard_secrets_released_total',
    help: 'Secrets released to a caller (each one audited), by surface',
    labelNames: ['surface'] as const,
    registers: [registry],
  });
  const scimConfiguration = boundedLabel(SCIM_CONFIGURATION_LABELS);
  const scimRequests = new client.Counter({
    name: 'switchboard_scim_requests_total',
    help: `SCIM requests by configuration (authenticated ones; "unauthenticated" otherwise; at most ${SCIM_CONFIGURATION_LABELS} configurations, later ones as "_other") and status class`,
    labelNames: ['configuration', 'status_class'] as const,
    registers: [registry],
  });
  const scimErrors = new client.Counter({
    name: 'switchboard_scim_errors_total',
    help: 'SCIM requests answered with an error (4xx, 5xx), by configuration (as in switchboard_scim_requests_total) and status',
    labelNames: ['configuration', 'status'] as const,
    registers: [registry],
  });
  const outboundDuration = new client.Histogram({
    name: 'switchboard_outbound_request_duration_seconds',
    help: 'Calls to outside systems (Microsoft Entra and Graph, the integrations’ providers), by provider and status class (error: no answer), until the answer was had',
    labelNames: ['provider', 'status_class'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const rateLimitRefusals = new client.Counter({
    name: 'switchboard_rate_limit_refusals_total',
    help: 'Requests refused with 429, by surface (api, scim) and limit (requests: a rate limit; failed_authentications: too many failed authentications)',
    labelNames: ['surface', 'limit'] as const,
    registers: [registry],
  });
  return {
    registry,
    httpDuration,
    runsStarted,
    runsLost,
    runDuration,
    secretsReleased,
    outboundDuration,
    rateLimitRefusals,
    /** One SCIM request's answer; `configurationId` null when it did not authenticate. */
    scimAnswered(configurationId: string | null, status: number) {
      const configuration = configurationId === null ? 'unauthenticated' : scimConfiguration(configurationId);
      scimRequests.inc({ configuration, status_class: statusClass(status) });
      if (status >= 400) scimErrors.inc({ configuration, status: String(status) });
    },
    /** An outbound call's time, for `provider` (a fixed name, never a URL). */
    outbound(provider: string, status: number | null, seconds: number) {
      outboundDuration.observe({ provider, status_class: statusClass(status) }, seconds);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
