import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import { Combobox } from './Combobox';
import { nameOptions } from './combobox-filter';

/**
 * The REST call box with autocomplete of entities and characteristics (`engine:suggest-calls`):
 * the type-to-search combobox in free-text mode, its options the suggestions for what was typed.
 * Enter takes the active suggestion, or asks when none is active.
 */
export function CallCombobox({ onSubmit }: { onSubmit: () => void }) {
  const { callText, suggestions, setAskField, suggest } = useAppStore(
    useShallow(s => ({
      callText: s.callText,
      suggestions: s.suggestions,
      setAskField: s.setAskField,
      suggest: s.suggest,
    })),
  );
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const options = useMemo(() => nameOptions(suggestions), [suggestions]);

  const change = (text: string) => {
    setAskField('callText', text);
    if (timer.current) clearTimeout(timer.current);
    // Debounced: one suggestion query per pause in typing, not per keystroke.
    timer.current = setTimeout(() => void suggest(text), 120);
  };

  return (
    <Combobox
      label="REST call"
      listLabel="Suggested calls"
      freeText
      filter={false}
      mono
      value={callText}
      options={options}
      placeholder="POST /Thingworx/Things/SensorDataStream/Services/GetDataStream"
      onChange={text => {
        // A picked suggestion is suggested on at once (its services, its properties...).
        if (suggestions.includes(text)) {
          setAskField('callText', text);
          void suggest(text);
        } else change(text);
      }}
      onFocus={() => {
        if (suggestions.length === 0) void suggest(callText);
      }}
      onEnter={onSubmit}
    />
  );
}
