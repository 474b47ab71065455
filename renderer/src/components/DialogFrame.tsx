/**
 * The one frame of every modal dialog: the backdrop (a click outside closes), `role="dialog"` with
 * `aria-modal` and the heading as its name, Escape to close, the first field focused on open (the
 * dialog itself when it has none, so keyboard and screen-reader users land inside it), and focus
 * given back to what had it before, on close. `canClose` false while work runs that must not be
 * abandoned halfway (an import).
 *
 * @example
 * <DialogFrame title="Open project" onClose={close}><form>…</form></DialogFrame>
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useAppStore } from '../stores/app-store';
import type { DialogState } from '../stores/ui-slice';

export function DialogFrame({
  title,
  label,
  className,
  onClose,
  canClose = true,
  children,
}: {
  /** The heading (also the dialog's accessible name unless `label` is given). */
  title: ReactNode;
  /** The accessible name when the heading carries more than the name (a subtitle). */
  label?: string;
  className?: string;
  onClose: () => void;
  canClose?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  // The latest values, for the key handler installed once per open.
  const latest = useRef({ onClose, canClose });
  latest.current = { onClose, canClose };

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = ref.current?.querySelector<HTMLElement>(
      'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])',
    );
    (first ?? ref.current)?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && latest.current.canClose) latest.current.onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      // Back to the button that opened the dialog, if it is still on the page.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <div
      className="backdrop"
      onMouseDown={e => e.target === e.currentTarget && canClose && onClose()}
    >
      <div
        className={className ? `dialog ${className}` : 'dialog'}
        role="dialog"
        aria-modal="true"
        {...(label ? { 'aria-label': label } : { 'aria-labelledby': headingId })}
        tabIndex={-1}
        ref={ref}
      >
        <h2 className="dialog-title" id={headingId}>
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}

/**
 * After a project switch every dialog is already closed (resetForProject), and the user may have
 * opened the next one meanwhile: close only when this dialog is still the open one.
 */
export function closeIfStillOpen(mine: DialogState, close: () => void): void {
  if (useAppStore.getState().dialog === mine) close();
}

/** A dialog with a plain title (the shared frame: DialogFrame). */
export function Modal({
  title,
  children,
  onClose,
}: {
  title: string;
  children: ReactNode;
  onClose: () => void;
}) {
  return (
    <DialogFrame title={title} onClose={onClose}>
      {children}
    </DialogFrame>
  );
}
