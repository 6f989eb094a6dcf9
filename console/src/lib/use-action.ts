// The busy/submit pattern of every form and action button: run the work, keep its failure to
// show (cleared when the next run starts), and say while any run is in flight so the control that
// started it can be disabled. A failure lands in `error`; it never escapes as an unhandled rejection.
import { type FormEvent, useCallback, useMemo, useState } from 'react';

export interface Action {
  busy: boolean;
  error: unknown;
  /** Runs `work`; resolves when it has ended, succeeded or not (a failure is in `error`). */
  run(work: () => Promise<unknown>): Promise<void>;
  /** A form's onSubmit: no page load, then run(work). */
  submit(work: () => Promise<unknown>): (e: FormEvent) => void;
  clearError(): void;
}

export function useAction(): Action {
  const [running, setRunning] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    setRunning((n) => n + 1);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setRunning((n) => n - 1);
    }
  }, []);
  const submit = useCallback(
    (work: () => Promise<unknown>) => (e: FormEvent) => {
      e.preventDefault();
      void run(work);
    },
    [run],
  );
  const clearError = useCallback(() => setError(null), []);
  return useMemo(() => ({ busy: running > 0, error, run, submit, clearError }), [running, error, run, submit, clearError]);
}
