/**
 * The name of a model element in a form (Add and Rename dialogs): one text field, its label, and
 * the problem with the name shown at the field (linked by aria-describedby, marked invalid).
 *
 * @example
 * <NameField label="New name" value={to} onChange={setTo} error={problem} />
 */
import { useId } from 'react';

export function NameField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What is wrong with the name, or null. */
  error: string | null;
}) {
  const errorId = useId();
  return (
    <>
      <label className="field">
        <span>{label}</span>
        <input
          type="text"
          aria-label={label}
          value={value}
          onChange={e => onChange(e.target.value)}
          {...(error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {})}
        />
      </label>
      {error && (
        <p className="form-error" role="alert" id={errorId}>
          {error}
        </p>
      )}
    </>
  );
}
