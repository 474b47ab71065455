/**
 * The state of the report Export dialog: the choices (remembered per project as they are made),
 * the stored scenarios and contexts to choose from, and exporting with its progress and outcome.
 */
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { StoredScenario } from '../../../shared/contract';
import type { ContextSummary } from '../../../shared/apps/tree-data';
import { TEMPLATE_SECTIONS } from '../../../shared/report/types';
import type { ReportFormat, ReportSection, ReportTemplate } from '../../../shared/report/types';
import { useAppStore } from '../stores/app-store';
import { exportArgs } from './export-args';
import { FORMAT_LABELS, questionOf } from './export-labels';
import { useExportDialog } from './export-store';
import { saveReport } from './save-report';

export function useExportForm() {
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

  const toggle = <T>(list: T[], set: (v: T[]) => void, v: T) =>
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

  return {
    close,
    modelName,
    question,
    users,
    things,
    scenarios,
    contexts,
    template,
    pickTemplate,
    format,
    setFormat,
    toggleSection,
    has,
    needsUsers,
    scenario,
    setScenario,
    chosenUsers,
    setChosenUsers,
    chosenThings,
    setChosenThings,
    chosenContexts,
    setChosenContexts,
    toggle,
    title,
    setTitle,
    askQuestion,
    setAskQuestion,
    busy,
    error,
    done,
    submit,
  };
}
