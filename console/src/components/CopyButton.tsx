// Copies a value to the clipboard and says so (to screen readers too, through a live region).
import { useState } from 'react';

function CopyButton(props: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 4000);
  };
  return (
    <span className="copy">
      <button type="button" onClick={() => void copy()} aria-label={props.label}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span role="status" className="copy-status">
        {state === 'copied' ? 'Copied to the clipboard.' : state === 'failed' ? 'Copy failed: select the text and copy it.' : ''}
      </span>
    </span>
  );
}

/** A read-only value with its copy button (consent links, SCIM tokens and URLs). */
export function CopyField(props: { id: string; label: string; value: string; secret?: boolean }) {
  return (
    <div className="copy-field">
      <label htmlFor={props.id}>{props.label}</label>
      <div className="copy-row">
        <input id={props.id} readOnly value={props.value} className={props.secret ? 'mono secret-once' : 'mono'} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton value={props.value} label={`Copy ${props.label.toLowerCase()}`} />
      </div>
    </div>
  );
}
