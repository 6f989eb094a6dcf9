// Delivers the outbox. In every process that executes runs, a dispatcher claims the due head of
// each (webhook, scope) under a lease (delivery-repository.ts), signs it with the webhook's
// secret(s) and POSTs it through the guarded outbound client (no private networks unless
// allowed, no redirects, a timeout per attempt, a capped response body that is never logged or
// stored). Up to `concurrency` attempts run at once, one per (webhook, scope): a receiver that
// hangs holds one slot for at most its timeout and delays nothing but its own scope. When an
// attempt ends its slot is refilled at once; an idle dispatcher looks again every `pollSeconds`.
// A worker killed mid-attempt leaves a lease that expires: the delivery is taken over and sent
// again with the same webhook-id (at-least-once; receivers deduplicate on it).
import type { Logger } from 'pino';
import type { Db } from '../../db/database.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { findOutboundError } from '../../providers/outbound/errors.ts';
import type { OutboundRequestFn } from '../../providers/outbound/outbound-client.ts';
import type { Vault } from '../vault/vault.ts';
import { retryDelaySeconds } from './backoff.ts';
import { type AttemptResult, type ClaimedDelivery, claimDue, recordFailure, recordSuccess } from './delivery-repository.ts';
import { signDelivery, webhookBody } from './signing.ts';
import { PREVIOUS_SECRET_FIELD, SECRET_FIELD, secretRef } from './webhook-secret.ts';

const SECRET_CACHE_ENTRIES = 1000;

export interface DispatcherOptions {
  db: Db;
  vault: Vault;
  fetch: OutboundRequestFn;
  logger: Logger;
  timeoutMs: number;
  concurrency: number;
  pollSeconds: number;
  backoffBaseSeconds: number;
  backoffMaxSeconds: number;
  retryWindowSeconds: number;
  /** A webhook whose every attempt failed for this long is paused. */
  pauseAfterSeconds: number;
  /** Told about every finished attempt (metrics, tests). */
  onAttempt?: (d: ClaimedDelivery, outcome: 'succeeded' | 'failed' | 'dead', r: AttemptResult) => void;
}

export interface Dispatcher {
  start(): void;
  stop(): Promise<void>;
  /** Claims and starts what is due now; resolves when those attempts have ended (tests). */
  drain(): Promise<number>;
}

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const { db, vault, logger } = opts;
  // Past an attempt's own timeout with room for its bookkeeping: a live dispatcher never loses one.
  const leaseSeconds = (2 * opts.timeoutMs) / 1000 + 5;
  const inFlight = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let filling: Promise<number> | null = null;
  let again = false;

  // Opened secrets, by webhook, for as long as its fingerprint and grace expiry are unchanged (a
  // rotation changes the fingerprint): a delivery then costs no vault transaction. Bounded, and
  // only in this process's memory, like the vault's keys.
  const secretCache = new Map<string, { key: string; secrets: string[] }>();
  async function secretsOf(d: ClaimedDelivery): Promise<string[]> {
    const inGrace = !!d.previous_secret_expires_at && d.previous_secret_expires_at.getTime() > Date.now();
    const key = `${d.secret_fingerprint}|${inGrace ? d.previous_secret_expires_at!.getTime() : 0}`;
    const hit = secretCache.get(d.webhook_id);
    if (hit?.key === key) return hit.secrets;
    const secrets = await db.tx(async (q) => {
      const current = await vault.open(q, secretRef(d.workspace_id, d.webhook_id, SECRET_FIELD));
      const previous = inGrace ? await vault.open(q, secretRef(d.workspace_id, d.webhook_id, PREVIOUS_SECRET_FIELD)) : null;
      return [current, previous].filter((s): s is string => !!s);
    });
    if (secretCache.size >= SECRET_CACHE_ENTRIES) secretCache.delete(secretCache.keys().next().value!);
    if (secrets.length) secretCache.set(d.webhook_id, { key, secrets });
    return secrets;
  }

  async function attempt(d: ClaimedDelivery): Promise<void> {
    const started = performance.now();
    let result: AttemptResult;
    try {
      const secrets = await secretsOf(d);
      if (!secrets.length) throw Object.assign(new Error('no secret'), { code: 'secret_missing' });
      const req = signDelivery(d.event_id, webhookBody(d.event_type, d.event_created_at, d.payload), secrets, new Date());
      const res = await opts.fetch(d.url, {
        method: 'POST',
        headers: { ...req.headers, 'user-agent': 'switchboard-webhooks' },
        body: req.body,
        timeoutMs: opts.timeoutMs,
      });
      const latencyMs = Math.round(performance.now() - started);
      result = { responseCode: res.status, error: res.status >= 200 && res.status < 300 ? null : `http_${res.status}`, latencyMs };
    } catch (err) {
      const code = findOutboundError(err)?.code ?? ((err as { code?: string }).code === 'secret_missing' ? 'secret_missing' : 'delivery_error');
      result = { responseCode: null, error: code, latencyMs: Math.round(performance.now() - started) };
    }
    let outcome: 'succeeded' | 'failed' | 'dead' | null;
    if (result.error === null) {
      outcome = (await db.tx((q) => recordSuccess(q, d, result))) ? 'succeeded' : null;
    } else {
      const delay = retryDelaySeconds(d.attempts, opts.backoffBaseSeconds, opts.backoffMaxSeconds);
      outcome = (await db.tx((q) => recordFailure(q, d, result, delay, opts.retryWindowSeconds, opts.pauseAfterSeconds))) as typeof outcome;
    }
    // Only codes and figures: never the URL's query, a header or the response body.
    if (outcome === null) logger.warn({ delivery_id: d.id }, 'webhook delivery outcome discarded: its lease was taken over');
    else {
      if (outcome !== 'succeeded')
        logger.info({ delivery_id: d.id, webhook_id: d.webhook_id, outcome, error: result.error, attempts: d.attempts }, 'webhook delivery attempt failed');
      opts.onAttempt?.(d, outcome, result);
    }
  }

  function launch(d: ClaimedDelivery): void {
    const p = attempt(d)
      .catch((err) => {
        if (!isDatabaseUnavailable(err)) logger.warn({ delivery_id: d.id, err: { message: (err as Error).message } }, 'webhook delivery bookkeeping failed');
      })
      .finally(() => {
        inFlight.delete(d.id);
        if (!stopped) void fill();
      });
    inFlight.set(d.id, p);
  }

  /** Claims as many as there are free slots; one fill at a time per process (a request during one runs once more after it). */
  function fill(): Promise<number> {
    if (filling) {
      again = true;
      return filling;
    }
    filling = (async () => {
      let started = 0;
      do {
        again = false;
        const free = opts.concurrency - inFlight.size;
        if (free <= 0) break;
        const claimed = await db.tx((q) => claimDue(q, free, leaseSeconds));
        for (const d of claimed) launch(d);
        started += claimed.length;
      } while (again && !stopped);
      return started;
    })().finally(() => {
      filling = null;
    });
    return filling;
  }

  return {
    start() {
      stopped = false;
      timer = setInterval(() => {
        fill().catch((err) => {
          if (!isDatabaseUnavailable(err)) logger.warn({ err: { message: (err as Error).message } }, 'webhook dispatch failed');
        });
      }, opts.pollSeconds * 1000);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await filling?.catch(() => 0);
      await Promise.allSettled([...inFlight.values()]);
    },
    async drain() {
      const n = await fill();
      await Promise.allSettled([...inFlight.values()]);
      return n;
    },
  };
}
