import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EffectiveRow, EffectiveState } from '../../../shared/contract';
import { useAppStore } from '../stores/app-store';
import { kindLabel, type KindLabels } from '../lib/kind-labels';

/** One mark per state, distinct in shape as well as colour (a class may be projected in grey). */
const STATE: Record<EffectiveState, { mark: string; words: string }> = {
  allowed: { mark: '✓', words: 'allowed by an entry' },
  denied: { mark: '✕', words: 'denied by an explicit Deny' },
  'not-granted': { mark: '–', words: 'not granted (no entry)' },
  bypass: { mark: '★', words: 'bypass (Administrators or owner)' },
};
const STATES = Object.keys(STATE) as EffectiveState[];

const SECTIONS: { id: EffectiveRow['section']; title: string }[] = [
  { id: 'visibility', title: 'Visibility' },
  { id: 'runtime', title: 'Run time' },
  { id: 'designtime', title: 'Design time' },
];

type Line = { name: string; kind: EffectiveRow['characteristicKind']; cells: EffectiveRow[] };

/** Rows of one section, one line per characteristic, in the table's order. */
function linesOf(rows: EffectiveRow[]): Line[] {
  const lines: Line[] = [];
  for (const r of rows) {
    const last = lines[lines.length - 1];
    if (last && last.name === r.characteristic && last.kind === r.characteristicKind)
      last.cells.push(r);
    else lines.push({ name: r.characteristic, kind: r.characteristicKind, cells: [r] });
  }
  return lines;
}

/** The deciding entries of one line, each once, with the kinds it decided. */
function decidersOf(cells: EffectiveRow[]): { deciding: string; cells: EffectiveRow[] }[] {
  const out: { deciding: string; cells: EffectiveRow[] }[] = [];
  for (const c of cells) {
    const hit = out.find(o => o.deciding === c.deciding);
    if (hit) hit.cells.push(c);
    else out.push({ deciding: c.deciding, cells: [c] });
  }
  return out;
}

/**
 * The effective permissions of a user on a Thing (§9.6) as ThingWorx's own "permissions for user"
 * check shows them, in Composer's three sections, with four states per cell and what decided each
 * cell written in the row.
 */
export function EffectiveTable() {
  const { selected, partner, setPartner, rows, error, items } = useAppStore(
    useShallow(s => ({
      selected: s.selected,
      partner: s.effectivePartner,
      setPartner: s.setEffectivePartner,
      rows: s.effective,
      error: s.effectiveError,
      items: s.allItems,
    })),
  );
  const [labels, setLabels] = useState<KindLabels>('composer');
  if (!selected || (selected.kind !== 'thing' && selected.kind !== 'user')) return null;
  const forThing = selected.kind === 'thing';
  const options = items.filter(i => i.kind === (forThing ? 'user' : 'thing'));
  return (
    <section className="effective" aria-label="Effective permissions">
      <h4>Effective permissions</h4>
      <div className="eff-controls">
        <label className="field inline">
          <span>{forThing ? 'for user' : 'on Thing'}</span>
          <select
            aria-label={
              forThing ? 'Effective permissions for user' : 'Effective permissions on Thing'
            }
            value={partner}
            onChange={e => void setPartner(e.target.value)}
          >
            {options.map(o => (
              <option key={o.name} value={o.name}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="segmented small">
          <legend className="sr-only">Permission names</legend>
          {(
            [
              ['composer', 'Composer', "Composer's labels (Property Read, Service Execute, ...)"],
              [
                'api',
                'API',
                'The names services and exports use (PropertyRead, ServiceInvoke, ...)',
              ],
            ] as const
          ).map(([l, text, title]) => (
            <label key={l} className={labels === l ? 'on' : ''} title={title}>
              <input
                type="radio"
                name="eff-labels"
                value={l}
                checked={labels === l}
                onChange={() => setLabels(l)}
              />
              {text}
            </label>
          ))}
        </fieldset>
      </div>
      <ul className="eff-legend" aria-label="Legend">
        {STATES.map(s => (
          <li key={s}>
            <span className={`eff-mark ${s}`} aria-hidden="true">
              {STATE[s].mark}
            </span>{' '}
            {STATE[s].words}
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted small">No characteristics.</p>}
      {rows && rows.length > 0 && (
        <div className="eff-list" aria-label="Effective permissions by characteristic">
          {SECTIONS.map(sec => {
            const lines = linesOf(rows.filter(r => r.section === sec.id));
            if (lines.length === 0) return null;
            return (
              <section key={sec.id} className="eff-section" aria-label={`${sec.title} section`}>
                <h5 className="eff-section-title">{sec.title}</h5>
                <ul>
                  {lines.map(line => (
                    <EffectiveLine
                      key={`${line.kind}|${line.name}`}
                      line={line}
                      section={sec.id}
                      labels={labels}
                    />
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
    </section>
  );
}

function EffectiveLine({
  line,
  section,
  labels,
}: {
  line: Line;
  section: EffectiveRow['section'];
  labels: KindLabels;
}) {
  const name =
    section === 'visibility' || section === 'designtime'
      ? 'entity'
      : line.name === '*'
        ? '* (all)'
        : line.name;
  const label = (kind: string) => kindLabel(kind, labels);
  return (
    <li className="eff-row" aria-label={`${line.name} ${section}`}>
      <div className="eff-head">
        <span className="eff-name mono" title={line.name}>
          {name}
        </span>
        <span className="eff-cells">
          {line.cells.map(cell => (
            <span
              key={cell.kind}
              className={`eff-cell ${cell.state}`}
              title={cell.decidedBy}
              aria-label={`${label(cell.kind)} on ${line.name}: ${STATE[cell.state].words} (${cell.status})`}
            >
              <span className="eff-mark" aria-hidden="true">
                {STATE[cell.state].mark}
              </span>{' '}
              {label(cell.kind)}
            </span>
          ))}
        </span>
      </div>
      <ul className="eff-deciding" aria-label={`What decided ${line.name}`}>
        {decidersOf(line.cells).map(d => (
          <li key={d.deciding}>
            <span className="muted">{d.cells.map(c => label(c.kind)).join(', ')}:</span>{' '}
            <span className="mono">{d.deciding}</span>
          </li>
        ))}
      </ul>
    </li>
  );
}
