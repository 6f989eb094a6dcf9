// Loads data for a screen: { data, error, loading, reload }. A reload keeps showing the old data
// until the new arrives, so tables do not flicker while live runs refresh them.
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): Promise<void>;
}

export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const current = useRef<AbortController | null>(null);
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    current.current?.abort();
    const ctl = new AbortController();
    current.current = ctl;
    setLoading(true);
    try {
      const v = await run(ctl.signal);
      if (!ctl.signal.aborted) {
        setData(v);
        setError(null);
      }
    } catch (err) {
      if (!ctl.signal.aborted) setError(err);
    } finally {
      if (!ctl.signal.aborted) setLoading(false);
    }
  }, [run]);

  useEffect(() => {
    void reload();
    return () => current.current?.abort();
  }, [reload]);

  return { data, error, loading, reload };
}
