/** The Traffic view's filters: status, caller, entity, and how many rows they leave. */
import { useTrafficStore } from './traffic-store';
import type { StatusFilter } from './traffic-store';

const STATUS_FILTERS: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'all statuses' },
  { value: 'ok', label: '2xx (succeeded)' },
  { value: '401', label: '401' },
  { value: '403', label: '403' },
  { value: '404', label: '404' },
  { value: 'other', label: 'other refusals' },
  { value: 'changed', label: 'changed by the scenario' },
];

export function TrafficFilters({ shown, total }: { shown: number; total: number }) {
  const filter = useTrafficStore(s => s.filter);
  const store = useTrafficStore.getState;
  return (
    <div className="traffic-filters" role="group" aria-label="Traffic filters">
      <label>
        Status
        <select
          aria-label="Filter by status"
          value={filter.status}
          onChange={e => store().setFilter({ status: e.target.value as StatusFilter })}
        >
          {STATUS_FILTERS.map(f => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Caller
        <input
          aria-label="Filter by caller"
          value={filter.caller}
          placeholder="user or appKey:NAME"
          onChange={e => store().setFilter({ caller: e.target.value })}
        />
      </label>
      <label>
        Entity
        <input
          aria-label="Filter by entity"
          value={filter.entity}
          placeholder="e.g. SensorDataStream"
          onChange={e => store().setFilter({ entity: e.target.value })}
        />
      </label>
      <span className="muted" aria-live="polite">
        {shown} shown of {total} request(s)
      </span>
    </div>
  );
}
