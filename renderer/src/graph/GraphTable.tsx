/** The folded elements as a table: the view offered instead of a hairball past the node guard. */
import type { GraphView } from '../../../shared/graph';
import { KIND_WORDS } from './icons';

export function GraphTable({ view }: { view: GraphView }) {
  return (
    <div className="graph-table" role="region" aria-label="Folded elements">
      <table>
        <thead>
          <tr>
            <th>Kind</th>
            <th>Name</th>
            <th>Folded into</th>
          </tr>
        </thead>
        <tbody>
          {view.table.map((r, i) => (
            <tr key={i}>
              <td>{KIND_WORDS[r.kind]}</td>
              <td>{r.name}</td>
              <td>{r.aggregate}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
