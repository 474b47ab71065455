/**
 * The path field of the Open dialog (browser mode): a type-to-search combobox whose options are
 * the entries of the typed folder on the server's machine (`project:complete-path`): folders and
 * project or model files. Picking a folder types it, so the next level is offered at once.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PathEntry } from '../../../shared/contract';
import { useAppStore } from '../stores/app-store';
import { Combobox } from './Combobox';

export function PathField(p: {
  value: string;
  onChange: (v: string) => void;
  onEnter: () => void;
}) {
  const run = useAppStore(s => s.run);
  const [entries, setEntries] = useState<PathEntry[]>([]);
  const [hint, setHint] = useState<string | null>(null);
  const asked = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const complete = async (prefix: string) => {
    const mine = ++asked.current;
    if (prefix.trim() === '') return setEntries([]);
    const r = await run('project:complete-path', { prefix }, { quiet: true });
    // Typing goes on while the server answers: only the latest question's answer is shown.
    if (mine !== asked.current) return;
    setEntries(r.ok ? r.value.entries : []);
    setHint(
      r.ok ? (r.value.more ? 'More entries match: type more of the name.' : null) : r.error.message,
    );
  };
  const change = (text: string) => {
    p.onChange(text);
    if (timer.current) clearTimeout(timer.current);
    // Folders are listed as soon as they are picked; typed text waits for a pause.
    const picked = entries.some(e => e.path === text);
    timer.current = setTimeout(() => void complete(text), picked ? 0 : 150);
  };
  const options = useMemo(
    () =>
      entries.map(e => ({
        value: e.path,
        label: e.kind === 'folder' ? `${e.name}/` : e.name,
        detail: e.kind === 'folder' ? 'folder' : '',
      })),
    [entries],
  );
  return (
    <>
      <label className="field">
        <span>Project or model file path</span>
        <Combobox
          label="Project file path"
          listLabel="Matching files and folders"
          freeText
          filter={false}
          mono
          className="wide"
          placeholder="/home/me/plant.permsim"
          value={p.value}
          options={options}
          onChange={change}
          onFocus={() => void complete(p.value)}
          onEnter={p.onEnter}
        />
      </label>
      {hint && <p className="muted small path-hint">{hint}</p>}
    </>
  );
}
