// Polls until a condition holds, for tests that wait on background work (runs, schedulers, audit
// rows written after a response). Returns the first truthy value; fails after `ms` — a deadline
// for a hung test, never an assertion about how long anything takes.
export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms = 20_000, everyMs = 100): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
