/**
 * Any call that takes longer than 300 ms shows what is being done, in words, with Cancel (the
 * thin bar under the top bar shows every call; this says which and offers a way out).
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';

const SHOW_AFTER_MS = 300;

export function BusyIndicator() {
  const { busy, label, since, cancel } = useAppStore(
    useShallow(s => ({
      busy: s.busy,
      label: s.busyLabel,
      since: s.busySince,
      cancel: s.cancelRunning,
    })),
  );
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (busy === 0 || since === null) {
      setShown(false);
      return;
    }
    const left = SHOW_AFTER_MS - (performance.now() - since);
    if (left <= 0) {
      setShown(true);
      return;
    }
    const t = setTimeout(() => setShown(true), left);
    return () => clearTimeout(t);
  }, [busy, since]);
  if (!shown) return null;
  return (
    <div className="busy" role="status" aria-label="Progress">
      <span className="busy-spinner" aria-hidden="true" />
      <span className="busy-label">{label || 'Working'}…</span>
      <button type="button" className="small-btn" onClick={cancel}>
        Cancel
      </button>
    </div>
  );
}
