// Where the admin-consent callback can send the administrator's browser back to
// (SWITCHBOARD_MS_CONSENT_RETURN_URL=<public url>/console/consent-result).
import { Notice } from '../components/Notice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { RunMonitor } from '../components/RunView.tsx';

export function ConsentResult(props: { search: string }) {
  const q = new URLSearchParams(props.search);
  const outcome = q.get('consent');
  const runId = Number(q.get('operation_run_id'));
  return (
    <>
      <PageTitle title="Admin consent">{outcome === 'granted' ? 'Admin consent granted' : 'Admin consent not granted'}</PageTitle>
      {outcome === 'granted' ? (
        <Notice tone="success">Consent was recorded for connection {q.get('connection')}. Its verification run is checking the connection now.</Notice>
      ) : (
        <Notice tone="warning">
          {outcome === 'invalid_state'
            ? 'The consent link was invalid, expired or already used: generate a new one.'
            : `Consent failed (${q.get('reason_code') ?? outcome ?? 'unknown'}).`}
        </Notice>
      )}
      {Number.isInteger(runId) && runId > 0 ? <RunMonitor runId={runId} title="Verification" /> : null}
    </>
  );
}
