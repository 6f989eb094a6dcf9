// Platform health of the registered projects: can the stored GitHub / Azure DevOps credential
// reach each project's repository right now.
import { useState } from 'react';
import { Badge } from '../components/Badge.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { when } from '../lib/format.ts';
import type { PlatformHealthResult } from '../lib/api-types.ts';
import { useSession } from '../lib/session.tsx';

export function PlatformHealth() {
  const { api } = useSession();
  const [health, setHealth] = useState<PlatformHealthResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      setHealth(await api.get<PlatformHealthResult>('/sfp/api/integrations/platforms/health'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="health-h">
      <h2 id="health-h">Platform health</h2>
      <button type="button" onClick={() => void check()} disabled={busy}>
        {busy ? 'Checking…' : 'Check platform health'}
      </button>
      <ErrorNotice error={error} context="The health check failed" />
      {health ? (
        <div className="health" role="status">
          <p>
            Overall <Badge value={health.status} /> at {when(health.timestamp)}
          </p>
          {health.platforms.length === 0 ? (
            <p className="empty">No projects registered.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  <th scope="col">Platform</th>
                  <th scope="col">Status</th>
                  <th scope="col">Message</th>
                  <th scope="col">Latency</th>
                </tr>
              </thead>
              <tbody>
                {health.platforms.map((p) => (
                  <tr key={`${p.project}|${p.provider}`}>
                    <td className="mono">{p.project}</td>
                    <td>{p.provider}</td>
                    <td>
                      <Badge value={p.status} />
                      {p.reasonCode ? <div className="mono small">{p.reasonCode}</div> : null}
                    </td>
                    <td>{p.message}</td>
                    <td>{p.latency !== undefined ? `${p.latency} ms` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ) : null}
    </section>
  );
}
