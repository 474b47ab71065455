/** The matrix filters (group, template, kinds), "jump to a user or Thing", and the colour legend. */
import { useMemo, useState } from 'react';
import type { MatrixAxes } from '../../../shared/graph';
import { RUNTIME_KINDS, type RuntimeKind } from '../../../shared/model/types';
import { CODE_COLOURS, CODE_WORDS } from './matrix-geometry';

const KIND_SHORT: Record<RuntimeKind, string> = {
  PropertyRead: 'PR',
  PropertyWrite: 'PW',
  ServiceInvoke: 'SI',
  EventInvoke: 'EI',
  EventSubscribe: 'ES',
};

export type MatrixFilterState = { group: string; template: string; kinds: RuntimeKind[] };

/** Matches offered while typing in "Jump to" (a datalist of every name would not scale). */
const JUMP_MATCHES = 30;

export function MatrixToolbar({
  filter,
  onFilter,
  groups,
  templates,
  axes,
  onJump,
}: {
  filter: MatrixFilterState;
  onFilter(f: MatrixFilterState): void;
  groups: string[];
  templates: string[];
  axes: MatrixAxes | null;
  onJump(name: string): boolean;
}) {
  const [jump, setJump] = useState('');
  const [missing, setMissing] = useState(false);
  const matches = useMemo(() => {
    const q = jump.trim().toLowerCase();
    if (!axes || q === '') return [];
    const out: string[] = [];
    for (const n of [...axes.users, ...axes.things]) {
      if (n.toLowerCase().includes(q)) out.push(n);
      if (out.length >= JUMP_MATCHES) break;
    }
    return out;
  }, [axes, jump]);
  const { group, template, kinds } = filter;
  return (
    <div className="matrix-toolbar" role="group" aria-label="Matrix filters">
      <label>
        Group
        <select
          aria-label="Filter by group"
          value={group}
          onChange={e => onFilter({ ...filter, group: e.target.value })}
        >
          <option value="">all users</option>
          {groups.map(g => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </label>
      <label>
        Template
        <select
          aria-label="Filter by template"
          value={template}
          onChange={e => onFilter({ ...filter, template: e.target.value })}
        >
          <option value="">all Things</option>
          {templates.map(t => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="matrix-kinds">
        <legend>Kinds</legend>
        {RUNTIME_KINDS.map(k => (
          <label key={k} title={k}>
            <input
              type="checkbox"
              aria-label={k}
              checked={kinds.includes(k)}
              onChange={e =>
                onFilter({
                  ...filter,
                  kinds: e.target.checked
                    ? RUNTIME_KINDS.filter(x => x === k || kinds.includes(x))
                    : kinds.length > 1
                      ? kinds.filter(x => x !== k)
                      : kinds,
                })
              }
            />
            {KIND_SHORT[k]}
          </label>
        ))}
      </fieldset>
      <form
        className="matrix-jump"
        onSubmit={e => {
          e.preventDefault();
          setMissing(!onJump(jump.trim()));
        }}
      >
        <input
          type="search"
          list="matrix-jump-names"
          aria-label="Jump to user or Thing"
          aria-invalid={missing}
          placeholder="Jump to user or Thing"
          value={jump}
          onChange={e => {
            setJump(e.target.value);
            setMissing(false);
          }}
        />
        <datalist id="matrix-jump-names">
          {matches.map(n => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <button type="submit" className="small-btn">
          Jump
        </button>
        {missing && <span className="form-error small">not in the matrix</span>}
      </form>
      <ul className="matrix-legend" aria-label="Legend">
        {(['2', '3', '4', '1', 'u'] as const).map(c => (
          <li key={c}>
            <span className="swatch" style={{ background: CODE_COLOURS[c] }} />
            {CODE_WORDS[c]}
          </li>
        ))}
        <li title="A named property, service or event answers otherwise than * (an override, §2.7)">
          <span className="swatch override" style={{ background: CODE_COLOURS['2'] }} />
          override
        </li>
      </ul>
    </div>
  );
}
