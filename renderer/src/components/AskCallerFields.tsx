/**
 * Who calls, in the Ask form: the authentication mode, then the user (type-to-search) and a
 * password, or the application key (type-to-search) and where it is sent.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import { Combobox } from './Combobox';

const MODES = [
  ['user', 'User'],
  ['appKey', 'App key'],
  ['none', 'No auth'],
] as const;

export function AskCallerFields() {
  const s = useAppStore(
    useShallow(st => ({
      authMode: st.authMode,
      user: st.user,
      password: st.password,
      appKey: st.appKey,
      appKeyVia: st.appKeyVia,
      set: st.setAskField,
      items: st.allItems,
    })),
  );
  const users = useMemo(
    () =>
      s.items
        .filter(i => i.kind === 'user')
        .map(u => ({ value: u.name, ...(u.builtin ? { detail: '(built-in)' } : {}) })),
    [s.items],
  );
  const keys = useMemo(
    () =>
      s.items
        .filter(i => i.kind === 'appKey')
        .map(k => ({ value: k.name, ...(k.detail ? { detail: `→ ${k.detail}` } : {}) })),
    [s.items],
  );
  return (
    <div className="row">
      <fieldset className="segmented">
        <legend className="sr-only">Authentication</legend>
        {MODES.map(([mode, label]) => (
          <label key={mode} className={s.authMode === mode ? 'on' : ''}>
            <input
              type="radio"
              name="auth"
              value={mode}
              checked={s.authMode === mode}
              onChange={() => s.set('authMode', mode)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {s.authMode === 'user' && (
        <>
          <label className="field">
            <span>User</span>
            <Combobox
              label="User"
              className="inline"
              value={s.user}
              options={users}
              onChange={v => s.set('user', v)}
            />
          </label>
          <label className="field">
            <span>Password</span>
            <input
              type="password"
              autoComplete="off"
              aria-label="Password"
              placeholder="correct one"
              value={s.password}
              onChange={e => s.set('password', e.target.value)}
            />
          </label>
        </>
      )}
      {s.authMode === 'appKey' && (
        <>
          <label className="field">
            <span>Application key</span>
            <Combobox
              label="Application key"
              className="inline"
              value={s.appKey}
              options={keys}
              placeholder={keys.length === 0 ? '(no keys in the model)' : undefined}
              onChange={v => s.set('appKey', v)}
            />
          </label>
          <label className="field">
            <span>Sent in</span>
            <select
              aria-label="App key sent in"
              value={s.appKeyVia}
              onChange={e => s.set('appKeyVia', e.target.value as 'header' | 'query')}
            >
              <option value="header">appKey header</option>
              <option value="query">?appKey= in the URL</option>
            </select>
          </label>
        </>
      )}
    </div>
  );
}
