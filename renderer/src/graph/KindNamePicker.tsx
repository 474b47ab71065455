/**
 * A kind and a name of a model element, picked together: a select of kinds and a name field that
 * offers the names of the chosen kind. The graph's focus form and the path finder both use it.
 *
 * @example
 * <KindNamePicker label="Focus" typeLabel="Focus type" nameLabel="Focus name" listId="graph-focus-names"
 *   kinds={[{ type: 'user', label: 'User' }]} type={type} onType={setType} name={name} onName={setName} />
 */
import { useNames } from './use-names';

export type KindNamePickerProps<T extends string> = {
  /** Visible text before the select. */
  label: string;
  typeLabel: string;
  nameLabel: string;
  listId: string;
  kinds: readonly { type: T; label: string }[];
  type: T;
  onType: (t: T) => void;
  name: string;
  onName: (n: string) => void;
};

export function KindNamePicker<T extends string>(p: KindNamePickerProps<T>) {
  const names = useNames(p.type);
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
      <input
        aria-label={p.nameLabel}
        list={p.listId}
        value={p.name}
        onChange={e => p.onName(e.target.value)}
        placeholder={`${p.type} name`}
      />
      <datalist id={p.listId}>
        {names.map(n => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </>
  );
}
