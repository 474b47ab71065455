import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';

/**
 * The one place for errors that are not about a form field (those show at the field): they stay
 * until dismissed or until the action is tried again. Info messages pass by themselves.
 */
export function Toasts() {
  const { toasts, dismiss } = useAppStore(
    useShallow(s => ({ toasts: s.toasts, dismiss: s.dismissToast })),
  );
  return (
    <div className="toasts" role="log" aria-live="polite" aria-label="Messages">
      {toasts.map(t => (
        <div
          key={t.id}
          className={`toast ${t.kind}`}
          role={t.kind === 'error' ? 'alert' : 'status'}
        >
          <div className="toast-text">
            {t.kind === 'error' && <strong>Error: </strong>}
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
