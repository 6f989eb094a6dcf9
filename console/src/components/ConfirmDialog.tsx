// Confirmation for destructive or privilege-raising actions. A native modal <dialog>: focus moves
// into it, Tab stays inside, Escape cancels. The safe choice (Cancel) has focus first.
import { type ReactNode, useEffect, useRef } from 'react';
import { errorText } from '../lib/api.ts';
import { useAction } from '../lib/use-action.ts';

export interface ConfirmRequest {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  /** Red button for destructive actions, amber for privilege-raising ones. */
  tone: 'danger' | 'warning';
  action(): Promise<void>;
}

export function ConfirmDialog(props: { request: ConfirmRequest | null; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const confirming = useAction();
  const { busy, error, clearError } = confirming;
  const { request, onClose } = props;

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (request && !d.open) {
      clearError();
      d.showModal();
      cancelRef.current?.focus();
    } else if (!request && d.open) d.close();
  }, [request, clearError]);

  const confirm = () =>
    confirming.run(async () => {
      if (!request) return;
      await request.action();
      onClose();
    });

  return (
    <dialog
      ref={ref}
      className={`confirm confirm-${request?.tone ?? 'warning'}`}
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      {request ? (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <h2 id="confirm-title">{request.title}</h2>
          <div id="confirm-body">{request.body}</div>
          {error ? (
            <p className="notice notice-error" role="alert">
              {errorText(error)}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" ref={cancelRef} onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className={request.tone === 'danger' ? 'danger' : 'warning'} disabled={busy}>
              {busy ? 'Working…' : request.confirmLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
