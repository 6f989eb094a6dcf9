import type { Connection } from '../lib/api-types.ts';
import { Badge } from './Badge.tsx';

export function ConnectionBadges(props: { c: Connection }) {
  const { c } = props;
  return (
    <span className="badges">
      <Badge label="status" value={c.status} />
      <Badge label="consent" value={c.consent_status} />
      <Badge label="verification" value={c.verification_status} />
      <Badge label="health" value={c.health_status} />
    </span>
  );
}
