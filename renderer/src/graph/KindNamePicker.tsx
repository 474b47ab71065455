/**
 * A kind and a name of a model element, picked together: a select of kinds (a short fixed list)
 * and a type-to-search name field (components/Combobox.tsx) that offers the names of the chosen
 * kind and accepts any typed name. The graph's focus form and the path finder both use it.
 *
 * @example
 * <KindNamePicker label="Focus" typeLabel="Focus type" nameLabel="Focus name" listId="graph-focus-names"
 *   kinds={[{ type: 'user', label: 'User' }]} type={type} onType={setType} name={name} onName={setName} />
 */
import { useMemo } from 'react';
import { Combobox } from '../components/Combobox';
import { nameOptions } from '../components/combobox-filter';
import { useNames } from './use-names';

export type KindNamePickerProps<T extends string> = {
  /** Visible text before the select. */
  label: string;
  typeLabel: string;
  nameLabel: string;
  /** Unused: the combobox makes its own ids (kept so callers need not change). */
  listId?: string;
  kinds: readonly { type: T; label: string }[];
  type: T;
  onType: (t: T) => void;
  name: string;
  onName: (n: string) => void;
};

export function KindNamePicker<T extends string>(p: KindNamePickerProps<T>) {
  const names = useNames(p.type);
  const options = useMemo(() => nameOptions(names), [names]);
  return (
    <>
      <label>
        {p.label}
        <select
          aria-label={p.typeLabel}
          value={p.type}
          onChange={e => {
            const next = p.kinds.find(k => k.type === e.target.value);
            if (next) p.onType(next.type);
          }}
        >
          {p.kinds.map(k => (
            <option key={k.type} value={k.type}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      <Combobox
        label={p.nameLabel}
        className="inline"
        freeText
        value={p.name}
        onChange={p.onName}
        options={options}
        placeholder={`${p.type} name`}
      />
    </>
  );
}
