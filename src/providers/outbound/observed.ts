// Times the calls a fetch-like function makes, for the outbound latency metric: the provider is
// a fixed name given by the caller (never the URL, which may name a tenant's own site), the
// status its answer's, null when there was none (a timeout, a refused connection or origin).
export type OutboundObserver = (provider: string, status: number | null, seconds: number) => void;

export function observed<A extends unknown[], R extends { status: number }>(
  fn: (...args: A) => Promise<R>,
  provider: string,
  observe: OutboundObserver | undefined,
): (...args: A) => Promise<R> {
  if (!observe) return fn;
  return async (...args: A) => {
    const started = performance.now();
    try {
      const res = await fn(...args);
      observe(provider, res.status, (performance.now() - started) / 1000);
      return res;
    } catch (err) {
      observe(provider, null, (performance.now() - started) / 1000);
      throw err;
    }
  };
}
