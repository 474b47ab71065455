/**
 * The model's semantics options and factory settings (docs/model-format.md "Semantics"): every
 * option where the sources disagree, switchable in the app. Choosing another value first shows
 * "what changes if I switch this" — a what-if of the one change over every user and key on every
 * call — and **Switch** then saves it as one undoable edit (`set-semantics` / `set-factory`).
 */
import { useCallback, useEffect, useState } from 'react';
import { DialogFrame } from './DialogFrame';
import type { FactoryDefaults, Semantics } from '../../../shared/model/types';
import type { ModelEdit } from '../../../shared/model/edits';
import type { SummaryPage } from '../../../shared/whatif';
import { useAppStore } from '../stores/app-store';
import './semantics.css';

type Value = string | number | boolean;
type OptionDef = {
  group: 'semantics' | 'factory';
  key: string;
  label: string;
  cites: string;
  values: { value: Value; label: string }[];
};

const yesNo = (yes: string, no: string) => [
  { value: true, label: yes },
  { value: false, label: no },
];

/** Every option of the model, in the words of docs/model-format.md. */
export const OPTIONS: OptionDef[] = [
  {
    group: 'semantics',
    key: 'precedence',
    label: 'Which entry decides',
    cites: '§2.8-2.10, §1.8',
    values: [
      { value: 'level', label: 'level (most specific level; Deny wins in it)' },
      { value: 'global-deny', label: 'global-deny (any Deny anywhere wins)' },
    ],
  },
  {
    group: 'semantics',
    key: 'adminBypass',
    label: 'Administrators bypass every check',
    cites: '§3.3',
    values: yesNo('yes', 'no'),
  },
  {
    group: 'semantics',
    key: 'ownerBypass',
    label: 'The owner has every permission',
    cites: '§1.10',
    values: yesNo('yes', 'no'),
  },
  {
    group: 'semantics',
    key: 'baseTemplateInstance',
    label: "Base templates' instance permissions apply to derived templates' Things",
    cites: '§11.3',
    values: yesNo('yes', 'no'),
  },
  {
    group: 'semantics',
    key: 'shapeInstance',
    label: 'Shape instance run-time permissions',
    cites: '§11.3, §9.6',
    values: [
      { value: 'after-templates', label: 'after the template chain' },
      { value: 'ignore', label: 'ignored' },
    ],
  },
  {
    group: 'semantics',
    key: 'visibilityDirection',
    label: 'Visibility granted to a unit reaches',
    cites: '§4.4',
    values: [
      { value: 'upward', label: 'upward (the unit and those above)' },
      { value: 'downward', label: 'downward (the unit and those below)' },
      { value: 'exact', label: 'exact (that unit only)' },
    ],
  },
  {
    group: 'semantics',
    key: 'denialStatus',
    label: 'Status of a run-time denial',
    cites: '§11.1',
    values: [
      { value: 403, label: '403 Forbidden' },
      { value: 401, label: '401 Unauthorized' },
    ],
  },
  {
    group: 'semantics',
    key: 'rejectAppKeyInUrl',
    label: 'Refuse an application key sent in the URL',
    cites: '§3.10',
    values: yesNo('yes', 'no'),
  },
  {
    group: 'factory',
    key: 'usersInEveryone',
    label: 'The Users group is in the Everyone organization',
    cites: '§3.5',
    values: yesNo('yes (factory default)', 'no (hardened)'),
  },
  {
    group: 'factory',
    key: 'everyoneSeesCollections',
    label: 'Everyone has visibility on every collection',
    cites: '§3.5',
    values: yesNo('yes (factory default)', 'no (hardened)'),
  },
];

const optionId = (o: OptionDef) => `${o.group}.${o.key}`;

function editOf(o: OptionDef, value: Value): ModelEdit {
  return o.group === 'semantics'
    ? { type: 'set-semantics', semantics: { [o.key]: value } as Partial<Semantics> }
    : { type: 'set-factory', factory: { [o.key]: value } as Partial<FactoryDefaults> };
}

const labelOf = (o: OptionDef, v: Value | undefined) =>
  o.values.find(x => x.value === v)?.label ?? String(v);

type Pending = {
  option: OptionDef;
  value: Value;
  page?: SummaryPage;
  error?: string;
  /** "and N more" was pressed: the longer page is on its way. */
  loadingAll?: boolean;
};

function WhatChanges({ pending, onShowAll }: { pending: Pending; onShowAll: () => void }) {
  const page = pending.page;
  if (pending.error) return <p className="semantics-error">{pending.error}</p>;
  if (!page) return <p className="muted">Comparing every user and key on every call…</p>;
  const { counts } = page;
  if (counts.total === 0 && page.equipment.length === 0)
    return <p>Nothing changes: no user or key gets another answer on any call of this model.</p>;
  return (
    <>
      <p>
        <b>{counts.total}</b> answer{counts.total === 1 ? '' : 's'} change: {counts.gained} gained,{' '}
        {counts.revoked} revoked, {counts.changed} another refusal
        {counts.unknown > 0 ? `, ${counts.unknown} unknown` : ''}.
      </p>
      <ul className="semantics-cells" aria-label="Changed answers">
        {page.cells.map(c => (
          <li key={`${c.caller.type}:${c.caller.name}@${c.caller.ip ?? ''} ${c.call}`}>
            <span className="semantics-caller">
              {c.caller.type === 'appKey' ? `key ${c.caller.name}` : c.caller.name}
            </span>{' '}
            <code>{c.call}</code>{' '}
            <span className="semantics-status">
              {c.before.status} → {c.after.status}
            </span>
          </li>
        ))}
      </ul>
      {page.matching > page.cells.length &&
        (pending.loadingAll ? (
          <p className="muted">Loading the other {page.matching - page.cells.length}…</p>
        ) : (
          <p>
            <button type="button" className="link" onClick={onShowAll}>
              and {page.matching - page.cells.length} more: show{' '}
              {page.matching > ALL_CAP ? `the first ${ALL_CAP}` : 'them all'}
            </button>
          </p>
        ))}
    </>
  );
}

function WhatIf({
  pending,
  current,
  onKeep,
  onSwitch,
  onShowAll,
}: {
  pending: Pending;
  current: Value | undefined;
  onKeep: () => void;
  onSwitch: () => void;
  onShowAll: () => void;
}) {
  return (
    <section className="semantics-whatif" aria-label="What changes if I switch this">
      <h4>
        What changes if “{pending.option.label}” becomes “{labelOf(pending.option, pending.value)}”
      </h4>
      <WhatChanges pending={pending} onShowAll={onShowAll} />
      <div className="dialog-actions">
        <button type="button" onClick={onKeep} title={`Keep ${labelOf(pending.option, current)}`}>
          Keep as it is
        </button>
        <button type="button" className="primary" disabled={!pending.page} onClick={onSwitch}>
          Switch
        </button>
      </div>
    </section>
  );
}

/** One option: its label and sources, its values, and under it the what-if of a proposed value. */
function OptionRow({
  option: o,
  value,
  pending,
  disabled,
  onPropose,
  onKeep,
  onSwitch,
  onShowAll,
}: {
  option: OptionDef;
  value: Value | undefined;
  pending: Pending | null;
  disabled: boolean;
  onPropose: (v: Value) => void;
  onKeep: () => void;
  onSwitch: () => void;
  onShowAll: () => void;
}) {
  const id = `opt-${optionId(o)}`;
  const shown = pending ? pending.value : value;
  return (
    <>
      <tr className={pending ? 'pending' : ''}>
        <th scope="row">
          <label htmlFor={id}>{o.label}</label>
          <span className="semantics-cites">{o.cites}</span>
        </th>
        <td>
          <select
            id={id}
            value={JSON.stringify(shown ?? null)}
            disabled={disabled}
            onChange={e => onPropose(JSON.parse(e.target.value) as Value)}
          >
            {o.values.map(v => (
              <option key={String(v.value)} value={JSON.stringify(v.value)}>
                {v.label}
              </option>
            ))}
          </select>
        </td>
      </tr>
      {pending && (
        <tr className="pending">
          <td colSpan={2}>
            <WhatIf
              pending={pending}
              current={value}
              onKeep={onKeep}
              onSwitch={onSwitch}
              onShowAll={onShowAll}
            />
          </td>
        </tr>
      )}
    </>
  );
}

const PAGE = 12;
/** "and N more" shows at most this many (the summary's page limit). */
const ALL_CAP = 1000;

export function SemanticsDialog() {
  const run = useAppStore(s => s.run);
  const applyEdit = useAppStore(s => s.applyEdit);
  const setDialog = useAppStore(s => s.setDialog);
  const revision = useAppStore(s => s.info?.revision);
  const readOnly = useAppStore(s => s.info?.readOnly === true);
  const [current, setCurrent] = useState<{ semantics: Semantics; factory: FactoryDefaults }>();
  const [pending, setPending] = useState<Pending | null>(null);
  const close = useCallback(() => setDialog(null), [setDialog]);

  useEffect(() => {
    let live = true;
    void run('model:options', {}).then(r => {
      if (live && r.ok) setCurrent(r.value);
    });
    return () => {
      live = false;
    };
  }, [run, revision]);

  const valueOf = (o: OptionDef): Value | undefined => {
    if (!current) return undefined;
    const group: Record<string, Value> = current[o.group];
    return Object.hasOwn(group, o.key) ? group[o.key] : undefined;
  };

  const summarise = (o: OptionDef, value: Value, limit: number) =>
    run(
      'whatif:summary',
      {
        scenario: { name: `switch ${o.key} to ${String(value)}`, changes: [editOf(o, value)] },
        limit,
      },
      { label: 'Comparing the answers', quiet: true },
    );

  // A newer choice replaced this one while it was computed: its answer is not shown.
  const settle = (o: OptionDef, value: Value, r: Awaited<ReturnType<typeof summarise>>) =>
    setPending(p =>
      p?.option === o && p.value === value
        ? r.ok
          ? { option: o, value, page: r.value }
          : { option: o, value, error: r.error.message }
        : p,
    );

  const propose = async (o: OptionDef, value: Value) => {
    if (value === valueOf(o)) {
      setPending(null);
      return;
    }
    setPending({ option: o, value });
    settle(o, value, await summarise(o, value, PAGE));
  };

  const showAll = async () => {
    if (!pending?.page) return;
    const { option, value } = pending;
    setPending(p => (p ? { ...p, loadingAll: true } : p));
    settle(option, value, await summarise(option, value, ALL_CAP));
  };

  const doSwitch = async () => {
    if (!pending) return;
    const ok = await applyEdit(
      editOf(pending.option, pending.value),
      `${pending.option.label}: ${labelOf(pending.option, pending.value)}. Undo switches it back.`,
    );
    if (ok) setPending(null);
  };

  return (
    // The shared frame: Escape, the first field focused, focus back to the opener on close.
    <DialogFrame title="Semantics options" className="semantics-dialog" onClose={close}>
      <p className="muted">
        Where the sources disagree, the model says which reading to follow (domain reference §9,
        §11). Choose another value to see what changes; <b>Switch</b> saves it (Undo takes it back).
      </p>
      <table className="semantics-table">
        <tbody>
          {OPTIONS.map(o => (
            <OptionRow
              key={optionId(o)}
              option={o}
              value={valueOf(o)}
              pending={pending?.option === o ? pending : null}
              disabled={!current || readOnly}
              onPropose={v => void propose(o, v)}
              onKeep={() => setPending(null)}
              onSwitch={() => void doSwitch()}
              onShowAll={() => void showAll()}
            />
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </DialogFrame>
  );
}
