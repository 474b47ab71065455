import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';

/** Errors from the API in words, never swallowed: they stay until dismissed. */
export function Toasts() {
  const { toasts, dismiss } = useAppStore(
    useShallow(s => ({ toasts: s.toasts, dismiss: s.dismissToast })),
  );
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map(t => (
        <div
          key={t.id}
          className={`toast ${t.kind}`}
          role={t.kind === 'error' ? 'alert' : 'status'}
        >
          <div className="toast-text">
            {t.kind === 'error' && <strong>Error{t.code ? ` (${t.code})` : ''}: </strong>}
            {t.message}
          </div>
          <button
            type="button"
            className="icon"
            aria-label="Dismiss message"
            onClick={() => dismiss(t.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
