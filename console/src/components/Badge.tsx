// A status word with a colour that also reads without colour (the word itself is the status).
const TONES: Record<string, 'good' | 'warn' | 'bad' | 'info' | 'muted'> = {
  ok: 'good',
  connected: 'good',
  granted: 'good',
  healthy: 'good',
  verified: 'good',
  succeeded: 'good',
  success: 'good',
  true: 'good',
  on: 'good',
  active: 'good',
  member: 'info',
  off: 'muted',
  inactive: 'muted',
  default: 'info',
  running: 'info',
  queued: 'info',
  pending: 'info',
  platform: 'info',
  dedicated: 'warn',
  degraded: 'warn',
  partially_succeeded: 'warn',
  needs_consent: 'warn',
  required: 'warn',
  not_configured: 'warn',
  initializing: 'info',
  unverified: 'muted',
  unknown: 'muted',
  disabled: 'muted',
  cancelled: 'muted',
  completed: 'muted',
  down: 'bad',
  error: 'bad',
  failed: 'bad',
  failure: 'bad',
  denied: 'bad',
  blocked: 'bad',
  revoked: 'bad',
  unhealthy: 'bad',
};

export function Badge(props: { value: string | null | undefined; label?: string; title?: string }) {
  const v = props.value ?? 'unknown';
  const tone = TONES[v] ?? 'muted';
  return (
    <span className={`badge badge-${tone}`} title={props.title} data-value={v}>
      {props.label ? <span className="badge-label">{props.label}: </span> : null}
      {v.replace(/_/g, ' ')}
    </span>
  );
}
