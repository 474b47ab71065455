/**
 * A set of names to include in a report (users, Things, contexts). A short list shows every name
 * as a checkbox; a long one (a model may have 10,000 Things) shows the chosen names as checkboxes
 * and a type-to-search combobox to add one.
 */
import { useMemo, useState } from 'react';
import { Combobox } from '../components/Combobox';
import { nameOptions } from '../components/combobox-filter';

/** Above this many names, the list is searched instead of shown. */
export const PICK_ALL_LIMIT = 20;

export function PickList(p: {
  label: string;
  names: string[];
  chosen: string[];
  onToggle: (name: string) => void;
  none: string;
}) {
  const long = p.names.length > PICK_ALL_LIMIT;
  const [adding, setAdding] = useState('');
  const options = useMemo(
    () => (long ? nameOptions(p.names.filter(n => !p.chosen.includes(n))) : []),
    [long, p.names, p.chosen],
  );
  const shown = long ? p.chosen : p.names;
  return (
    <fieldset className="pick-list" aria-label={p.label}>
      <legend>
        {p.label}{' '}
        <span className="muted small">
          {p.chosen.length > 0 ? `${p.chosen.length} chosen` : p.none}
        </span>
      </legend>
      {long && (
        <Combobox
          label={`Add to ${p.label.toLowerCase()}`}
          placeholder={`Type to add (${p.names.length.toLocaleString('en-US')} in the model)`}
          value={adding}
          options={options}
          onChange={n => {
            setAdding('');
            p.onToggle(n);
          }}
        />
      )}
      <div className="pick-items">
        {shown.map(n => (
          <label key={n} className="check">
            <input type="checkbox" checked={p.chosen.includes(n)} onChange={() => p.onToggle(n)} />
            <span className="mono">{n}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
