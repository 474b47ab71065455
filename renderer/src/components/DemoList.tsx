/**
 * The bundled demo models in the Open dialog (`project:demos`): each opens as a read-only model
 * file, or as an editable copy (opened, then saved as a new project where the user says).
 */
import { useEffect, useState } from 'react';
import { useAppStore } from '../stores/app-store';

type Demo = { name: string; title: string; path: string };

export function DemoList(p: { onOpen: (path: string, copy: boolean) => void }) {
  const run = useAppStore(s => s.run);
  const [demos, setDemos] = useState<Demo[]>([]);
  useEffect(() => {
    void run('project:demos', {}, { quiet: true }).then(r => r.ok && setDemos(r.value));
  }, [run]);
  if (demos.length === 0) return null;
  return (
    <section className="recent demos" aria-label="Demo models">
      <div className="muted small">Demo models</div>
      <ul>
        {demos.map(d => (
          <li key={d.path} className="demo">
            <div className="demo-text">
              <span className="mono">{d.name}</span>
              <span className="muted small demo-title" title={d.title}>
                {d.title}
              </span>
            </div>
            <span className="demo-actions">
              <button
                type="button"
                className="small-btn"
                aria-label={`Open read-only: ${d.name}`}
                onClick={() => p.onOpen(d.path, false)}
              >
                Open read-only
              </button>
              <button
                type="button"
                className="small-btn"
                aria-label={`Make an editable copy of ${d.name}`}
                onClick={() => p.onOpen(d.path, true)}
              >
                Make an editable copy
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
