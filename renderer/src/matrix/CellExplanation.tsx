/** The side panel that explains one matrix cell with the engine's words, and asks it as a call. */
import type { EffectiveRow } from '../../../shared/contract';
import type { MatrixCode } from '../../../shared/graph';
import type { RuntimeKind } from '../../../shared/model/types';

export type Cell = { user: string; thing: string; kind: RuntimeKind };
export type Explanation = {
  cell: Cell;
  code: MatrixCode | 'pending';
  row?: EffectiveRow;
  call?: string;
  error?: string;
};

export function CellExplanation({
  explained,
  onAsk,
  onClose,
}: {
  explained: Explanation;
  onAsk(cell: Cell, call: string): void;
  onClose(): void;
}) {
  const { cell, row, call, code, error } = explained;
  return (
    <aside className="matrix-explain" aria-label="Cell explanation">
      <h4>
        {cell.user} · {cell.thing}
      </h4>
      <p className="mono">
        {cell.kind} on * (characteristics without an override of their own, §2.7)
      </p>
      {error ? (
        <p role="alert">{error}</p>
      ) : row ? (
        <>
          <p className={`matrix-outcome code-${code}`}>
            <b>{row.status}</b>{' '}
            {code === 'u'
              ? '(UNKNOWN: the Thing is disabled, §9.4)'
              : row.allowed
                ? 'allowed'
                : 'denied'}
          </p>
          <p>{row.decidedBy}</p>
          {call && (
            <button type="button" onClick={() => onAsk(cell, call)}>
              Ask {call}
            </button>
          )}
        </>
      ) : (
        <p className="muted">Explaining…</p>
      )}
      <button type="button" className="link" onClick={onClose}>
        close
      </button>
    </aside>
  );
}
