/**
 * The view tabs of the centre panel (a WAI-ARIA tablist: arrow keys, Home and End move between
 * tabs) with the buttons that fold the navigator and the inspector away at either end. The tabs
 * wrap inside the centre panel, so no side panel can ever sit over one.
 */
import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import type { UiSlice } from '../stores/ui-slice';

type Tab = UiSlice['centerTab'];

const TABS: { id: Tab; label: string }[] = [
  { id: 'ask', label: 'Ask' },
  { id: 'requests', label: 'Saved requests' },
  { id: 'equipment', label: 'Equipment' },
  { id: 'graph', label: 'Graph' },
  { id: 'matrix', label: 'Matrix' },
  { id: 'whatif', label: 'What-if' },
  { id: 'traffic', label: 'Traffic' },
];

export function CenterTabs() {
  const { centerTab, setCenterTab, requestCount, panels, togglePanel } = useAppStore(
    useShallow(s => ({
      centerTab: s.centerTab,
      setCenterTab: s.setCenterTab,
      requestCount: s.requests.length,
      panels: s.panels,
      togglePanel: s.togglePanel,
    })),
  );
  const list = useRef<HTMLDivElement>(null);
  const onKey = (e: React.KeyboardEvent) => {
    const i = TABS.findIndex(t => t.id === centerTab);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % TABS.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + TABS.length) % TABS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : -1;
    const tab = TABS[next];
    if (!tab) return;
    e.preventDefault();
    setCenterTab(tab.id);
    list.current?.querySelector<HTMLElement>(`#tab-${tab.id}`)?.focus();
  };
  return (
    <div className="tabs-bar">
      <button
        type="button"
        className="panel-toggle"
        aria-expanded={panels.navigator}
        aria-controls="project-navigator"
        onClick={() => togglePanel('navigator')}
        title={panels.navigator ? 'Hide navigator' : 'Show navigator'}
      >
        <span aria-hidden="true">{panels.navigator ? '⟨' : '☰'}</span>
        <span className="sr-only">{panels.navigator ? 'Hide navigator' : 'Show navigator'}</span>
      </button>
      <div className="tabs" role="tablist" aria-label="Views" ref={list} onKeyDown={onKey}>
        {TABS.map(t => (
          <button
            key={t.id}
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={centerTab === t.id}
            aria-controls="panel-center"
            tabIndex={centerTab === t.id ? 0 : -1}
            onClick={() => setCenterTab(t.id)}
          >
            {t.label}
            {t.id === 'requests' && <span className="count"> {requestCount}</span>}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="panel-toggle"
        aria-expanded={panels.inspector}
        aria-controls="inspector"
        onClick={() => togglePanel('inspector')}
        title={panels.inspector ? 'Hide inspector' : 'Show inspector'}
      >
        <span aria-hidden="true">{panels.inspector ? '⟩' : 'ⓘ'}</span>
        <span className="sr-only">{panels.inspector ? 'Hide inspector' : 'Show inspector'}</span>
      </button>
    </div>
  );
}
