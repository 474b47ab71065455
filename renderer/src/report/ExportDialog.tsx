import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { StoredScenario } from '../../../shared/contract';
import type { ContextSummary } from '../../../shared/apps/tree-data';
import {
  REPORT_FORMATS,
  REPORT_SECTIONS,
  REPORT_TEMPLATES,
  SECTION_TITLES,
  TEMPLATE_LABELS,
  TEMPLATE_SECTIONS,
} from '../../../shared/report/types';
import type {
  ReportFormat,
  ReportQuestion,
  ReportSection,
  ReportTemplate,
} from '../../../shared/report/types';
import type { RestRequest } from '../../../shared/model/decision';
import { DialogFrame } from '../components/DialogFrame';
import { useAppStore } from '../stores/app-store';
import { exportArgs, TITLE_MAX } from './export-args';
import { useExportDialog } from './export-store';
import { saveReport } from './save-report';
import './report.css';

const FORMAT_LABELS: Record<ReportFormat, string> = {
  html: 'HTML',
  pdf: 'PDF',
  csv: 'CSV',
  json: 'JSON',
};

/** What each section needs from the pickers below, shown next to its box. */
const SECTION_HINTS: Record<ReportSection, string> = {
  finding:
    'page 1: the question, the answer before and after, the cause, the change, who gains or loses',
  appendix: 'every step of the explanation of each question',
  summary: 'counts, organizations, groups, templates',
  requests: 'status, body, expectation and explanation of each saved request',
  scenario: 'changes, blast radius and changed decisions of a stored scenario',
  effective: 'chosen users × chosen Things (§9.6)',
  equipment: 'Read/Write/None of chosen users per context (§7.18)',
  graph: 'chosen users and the groups they inherit from',
  semantics: 'options, [INF] inferences and unmodelled behaviour relied on',
};

/** The Ask view's question as a report question (a caller and a call), if it has a caller. */
export function questionOf(r: RestRequest | null): ReportQuestion | null {
  if (!r) return null;
  const call = `${r.method} ${r.path}`;
  if (r.credentials.type === 'basic') return { as: r.credentials.user, call };
  if (r.credentials.type === 'appKey')
    return { appKey: r.credentials.key, ...(r.clientIp ? { ip: r.clientIp } : {}), call };
  return null;
}

const questionText = (q: ReportQuestion) =>
  `${q.as ?? `key ${q.appKey ?? ''}${q.ip ? ` from ${q.ip}` : ''}`} · ${q.call}`;

/** The report Export dialog (docs/reports.md): template, sections, scenario, users, Things, contexts, format. */
export function ExportDialog() {
  const open = useExportDialog(s => s.open);
  return open ? <ExportForm /> : null;
}

function ExportForm() {
  const close = useExportDialog(s => s.close);
  const { run, allItems, modelName, projectPath, askedRequest } = useAppStore(
    useShallow(s => ({
      run: s.run,
      allItems: s.allItems,
      modelName: s.info?.modelName ?? '',
      projectPath: s.info?.path ?? '',
      askedRequest: s.askedRequest,
    })),
  );
  const question = useMemo(() => questionOf(askedRequest), [askedRequest]);
  // The choices this project's dialog was last used with (per project path), else the finding template.
  const [memory] = useState(() => useExportDialog.getState().recall(projectPath));
  const users = useMemo(
    () => allItems.filter(i => i.kind === 'user' && !i.builtin).map(i => i.name),
    [allItems],
  );
  const things = useMemo(
    () => allItems.filter(i => i.kind === 'thing' && !i.builtin).map(i => i.name),
    [allItems],
  );
  const [scenarios, setScenarios] = useState<StoredScenario[] | null>(null);
  const [contexts, setContexts] = useState<ContextSummary[] | null>(null);
  const [template, setTemplate] = useState<ReportTemplate | 'custom'>(
    memory?.template ?? 'finding',
  );
  const [format, setFormat] = useState<ReportFormat>(memory?.format ?? 'html');
  const [sections, setSections] = useState<ReportSection[]>(
    memory?.sections ?? [...TEMPLATE_SECTIONS.finding],
  );
  const [scenario, setScenario] = useState<number | null>(memory?.scenario ?? null);
  const [chosenUsers, setChosenUsers] = useState<string[]>(memory?.users ?? []);
  const [chosenThings, setChosenThings] = useState<string[]>(memory?.things ?? []);
  const [chosenContexts, setChosenContexts] = useState<string[]>(memory?.contexts ?? []);
  const [title, setTitle] = useState(memory?.title ?? '');
  const [askQuestion, setAskQuestion] = useState(memory?.askQuestion ?? true);
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void run('whatif:list', {}, { quiet: true }).then(r => {
      if (!live) return;
      const list = r.ok ? r.value : [];
      setScenarios(list);
      // With a stored scenario the report can show it: keep the remembered one if it is still
      // stored, else start with the first one.
      setScenario(id => (id !== null && list.some(x => x.id === id) ? id : (list[0]?.id ?? null)));
      if (!r.ok) setError(`Stored scenarios could not be listed: ${r.error.message}`);
    });
    void run('apps:contexts', {}, { quiet: true }).then(
      r => live && setContexts(r.ok ? r.value : []),
    );
    return () => {
      live = false;
    };
  }, [run]);

  // Every choice is remembered for this project as it is made (closing keeps them).
  useEffect(() => {
    if (projectPath === '') return;
    useExportDialog.getState().remember(projectPath, {
      template,
      format,
      sections,
      scenario,
      users: chosenUsers,
      things: chosenThings,
      contexts: chosenContexts,
      title,
      askQuestion,
    });
  }, [
    projectPath,
    template,
    format,
    sections,
    scenario,
    chosenUsers,
    chosenThings,
    chosenContexts,
    title,
    askQuestion,
  ]);

  const toggle = <T,>(list: T[], set: (v: T[]) => void, v: T) =>
    set(list.includes(v) ? list.filter(x => x !== v) : [...list, v]);
  const toggleSection = (s: ReportSection) => {
    toggle(sections, setSections, s);
    setTemplate('custom');
  };
  const pickTemplate = (t: ReportTemplate | 'custom') => {
    setTemplate(t);
    if (t !== 'custom') setSections([...TEMPLATE_SECTIONS[t]]);
  };
  const has = (s: ReportSection) => sections.includes(s);
  const needsUsers = has('effective') || has('equipment') || has('graph');

  const submit = async () => {
    setError(null);
    setDone(null);
    const built = exportArgs(
      {
        format,
        // A template's scenario section is left out while the project stores no scenario.
        sections: sections.filter(x => x !== 'scenario' || (scenarios?.length ?? 0) > 0),
        scenario,
        users: chosenUsers,
        entities: chosenThings,
        contexts: chosenContexts,
        title,
        questions: askQuestion && question ? [question] : [],
      },
      scenarios ?? [],
    );
    if (!built.ok) return setError(built.message);
    setBusy(format);
    const r = await run('report:export', built.args, {
      quiet: true,
      label: `Exporting ${FORMAT_LABELS[format]} report`,
    });
    setBusy(null);
    if (!r.ok) return setError(r.error.message);
    try {
      saveReport(r.value);
      setDone(`Saved ${r.value.fileName}.`);
    } catch (e) {
      setError(
        `The report was built but could not be saved: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  };

  return (
    // The shared frame: Escape (not while exporting), the first field focused, focus back to the
    // opener on close.
    <DialogFrame
      title={<>Export report{modelName ? <span className="muted"> · {modelName}</span> : null}</>}
      label="Export report"
      className="export-dialog"
      onClose={close}
      canClose={busy === null}
    >
      <form
        onSubmit={e => {
          e.preventDefault();
          if (busy === null) void submit();
        }}
      >
        <label className="field">
          <span>Template</span>
          <select
            aria-label="Template"
            value={template}
            onChange={e => pickTemplate(e.target.value as ReportTemplate | 'custom')}
          >
            {REPORT_TEMPLATES.map(t => (
              <option key={t} value={t}>
                {TEMPLATE_LABELS[t]}
              </option>
            ))}
            <option value="custom">Custom (the sections ticked below)</option>
          </select>
        </label>

        <fieldset className="export-sections">
          <legend>Sections</legend>
          {REPORT_SECTIONS.map(s => {
            const noScenario = s === 'scenario' && scenarios !== null && scenarios.length === 0;
            return (
              <label key={s} className={noScenario ? 'check disabled' : 'check'}>
                <input
                  type="checkbox"
                  checked={has(s) && !noScenario}
                  disabled={noScenario}
                  onChange={() => toggleSection(s)}
                />
                <span>
                  {SECTION_TITLES[s]}{' '}
                  <span className="muted small">
                    {noScenario
                      ? 'no stored scenario (save one in the What-if tab)'
                      : SECTION_HINTS[s]}
                  </span>
                </span>
              </label>
            );
          })}
        </fieldset>

        {(has('finding') || has('appendix')) && (
          <label className="check">
            <input
              type="checkbox"
              aria-label="Ask's question"
              checked={askQuestion && question !== null}
              disabled={question === null}
              onChange={() => setAskQuestion(!askQuestion)}
            />
            <span>
              Question{' '}
              {question ? (
                <span className="mono small">{questionText(question)}</span>
              ) : (
                <span className="muted small">
                  ask one in the Ask view (else the scenario&apos;s watched calls)
                </span>
              )}
            </span>
          </label>
        )}

        {has('scenario') && scenarios && scenarios.length > 0 && (
          <label className="field">
            <span>Scenario</span>
            <select
              aria-label="Scenario"
              value={scenario ?? ''}
              onChange={e => setScenario(e.target.value === '' ? null : Number(e.target.value))}
            >
              {scenarios.map(s => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.changes.length} change{s.changes.length === 1 ? '' : 's'})
                </option>
              ))}
            </select>
          </label>
        )}

        {(needsUsers || has('effective') || has('equipment')) && (
          <div className="export-pickers">
            {needsUsers && (
              <PickList
                label="Users"
                names={users}
                chosen={chosenUsers}
                onToggle={n => toggle(chosenUsers, setChosenUsers, n)}
                none="none chosen: the first 6 by name"
              />
            )}
            {has('effective') && (
              <PickList
                label="Things"
                names={things}
                chosen={chosenThings}
                onToggle={n => toggle(chosenThings, setChosenThings, n)}
                none="none chosen: the first 6 by name"
              />
            )}
            {has('equipment') && (
              <PickList
                label="Contexts"
                names={(contexts ?? []).map(c => c.name)}
                chosen={chosenContexts}
                onToggle={n => toggle(chosenContexts, setChosenContexts, n)}
                none={
                  contexts?.length === 0
                    ? 'the model has no equipment contexts'
                    : 'none chosen: every context'
                }
              />
            )}
          </div>
        )}

        <label className="field">
          <span>Title (optional; also the file name)</span>
          <input
            type="text"
            aria-label="Report title"
            maxLength={TITLE_MAX}
            placeholder={`PermSim report: ${modelName}`}
            value={title}
            onChange={e => setTitle(e.target.value)}
          />
        </label>

        <fieldset className="segmented" aria-label="Format">
          <legend className="sr-only">Format</legend>
          {REPORT_FORMATS.map(f => (
            <label key={f} className={format === f ? 'on' : ''}>
              <input
                type="radio"
                name="report-format"
                value={f}
                checked={format === f}
                onChange={() => setFormat(f)}
              />
              {FORMAT_LABELS[f]}
            </label>
          ))}
        </fieldset>

        {busy !== null && (
          <div className="export-progress" role="status" aria-live="polite">
            <progress aria-label="Exporting" />
            <span>
              Exporting {FORMAT_LABELS[busy]}…
              {busy === 'pdf' ? ' (printing takes a few seconds)' : ''}
            </span>
          </div>
        )}
        {busy === null && done && (
          <p className="export-done" role="status">
            {done}
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={close} disabled={busy !== null}>
            Close
          </button>
          <button type="submit" className="primary" disabled={busy !== null}>
            Export {FORMAT_LABELS[format]}
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}

function PickList({
  label,
  names,
  chosen,
  onToggle,
  none,
}: {
  label: string;
  names: string[];
  chosen: string[];
  onToggle: (name: string) => void;
  none: string;
}) {
  return (
    <fieldset className="pick-list" aria-label={label}>
      <legend>
        {label}{' '}
        <span className="muted small">{chosen.length > 0 ? `${chosen.length} chosen` : none}</span>
      </legend>
      <div className="pick-items">
        {names.map(n => (
          <label key={n} className="check">
            <input type="checkbox" checked={chosen.includes(n)} onChange={() => onToggle(n)} />
            <span className="mono">{n}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
