// Platform health of the registered projects: can the stored GitHub / Azure DevOps credential
// reach each project's repository right now.
import { useState } from 'react';
import { Badge } from '../components/Badge.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { when } from '../lib/format.ts';
import type { PlatformHealthResult } from '../lib/api-types.ts';
import { useSession } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';

export function PlatformHealth() {
  const { api } = useSession();
  const [health, setHealth] = useState<PlatformHealthResult | null>(null);
  const checking = useAction();
  const check = () => checking.run(async () => setHealth(await api.get<PlatformHealthResult>('/sfp/api/integrations/platforms/health')));
  return (
    <section aria-labelledby="health-h">
      <h2 id="health-h">Platform health</h2>
      <button type="button" onClick={() => void check()} disabled={checking.busy}>
        {checking.busy ? 'Checking…' : 'Check platform health'}
      </button>
      <ErrorNotice error={checking.error} context="The health check failed" />
      {health ? (
        <div className="health" role="status">
          <p>
            Overall <Badge value={health.status} /> at {when(health.timestamp)}
          </p>
          <DataTable
            rows={health.platforms}
            what="platforms"
            empty="No projects registered."
            rowKey={(p) => `${p.project}|${p.provider}`}
            columns={[
              { header: 'Project', className: 'mono', cell: (p) => p.project },
              { header: 'Platform', cell: (p) => p.provider },
              {
                header: 'Status',
                cell: (p) => (
                  <>
                    <Badge value={p.status} />
                    {p.reasonCode ? <div className="mono small">{p.reasonCode}</div> : null}
                  </>
                ),
              },
              { header: 'Message', cell: (p) => p.message },
              { header: 'Latency', cell: (p) => (p.latency !== undefined ? `${p.latency} ms` : '—') },
            ]}
          />
        </div>
      ) : null}
    </section>
  );
}
