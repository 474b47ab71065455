/**
 * The side panel that explains one matrix cell with the engine's words (the `*` row of the
 * effective permission table), lists the characteristics that answer otherwise (the overrides the
 * canvas hatches, §2.7, §2.9) with what decided each, and asks any of them as a real call.
 */
import type { EffectiveRow } from '../../../shared/contract';
import type { MatrixCode } from '../../../shared/graph';
import type { RuntimeKind } from '../../../shared/model/types';
import { callOfRow } from './representative-call';

export type Cell = { user: string; thing: string; kind: RuntimeKind };
export type Explanation = {
  cell: Cell;
  code: MatrixCode | 'pending';
  override: boolean;
  row?: EffectiveRow;
  call?: string;
  /** The rows of the cell's kind that answer otherwise than `*` (set once the table is read). */
  overrides?: EffectiveRow[];
  error?: string;
};

const outcomeWords = (row: EffectiveRow) => (row.allowed ? 'allowed' : 'denied');

export function CellExplanation({
  explained,
  onAsk,
  onClose,
}: {
  explained: Explanation;
  onAsk(cell: Cell, call: string): void;
  onClose(): void;
}) {
  const { cell, row, call, code, error, overrides = [] } = explained;
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
            {code === 'u' ? '(UNKNOWN: the Thing is disabled, §9.4)' : outcomeWords(row)}
          </p>
          <p>{row.decidedBy}</p>
          {overrides.length > 0 && (
            <section className="matrix-overrides" aria-label="Overrides">
              <h5>
                {overrides.length === 1
                  ? '1 characteristic answers otherwise'
                  : `${overrides.length} characteristics answer otherwise`}{' '}
                (an entry names it, §2.7, §2.9)
              </h5>
              <ul>
                {overrides.map(o => {
                  const oc = callOfRow(cell.thing, o);
                  return (
                    <li key={`${o.characteristicKind}:${o.characteristic}`}>
                      <span className="mono">{o.characteristic}</span>{' '}
                      <b className={o.allowed ? 'ok' : 'bad'}>
                        {o.status} {outcomeWords(o)}
                      </b>
                      <p>{o.decidedBy}</p>
                      {oc && (
                        <button type="button" onClick={() => onAsk(cell, oc)}>
                          Ask {oc}
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
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
