import type { ReactNode } from 'react';
import { errorText } from '../lib/api.ts';

export function ErrorNotice(props: { error: unknown; context?: string }) {
  if (!props.error) return null;
  return (
    <p className="notice notice-error" role="alert">
      {props.context ? `${props.context}: ` : ''}
      {errorText(props.error)}
    </p>
  );
}

export function Notice(props: { tone?: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <div className={`notice notice-${props.tone ?? 'info'}`} role="status">
      {props.children}
    </div>
  );
}

export function Loading(props: { what: string }) {
  return (
    <p className="loading" aria-live="polite">
      Loading {props.what}…
    </p>
  );
}
