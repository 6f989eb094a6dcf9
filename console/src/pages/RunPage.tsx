// One operation run, live until it completes.
import { PageTitle } from '../components/PageTitle.tsx';
import { RunMonitor } from '../components/RunView.tsx';

export function RunPage(props: { id: number }) {
  return (
    <>
      <PageTitle title={`Run ${props.id}`}>Operation run #{props.id}</PageTitle>
      <RunMonitor key={props.id} runId={props.id} title="Run" />
    </>
  );
}
