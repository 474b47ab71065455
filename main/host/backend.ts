/**
 * What a front door (loopback server, Electron IPC) needs from the handler map: dispatch a
 * contract call by name, hear push events, and shut down. The server takes one of these so tests
 * can start it against any backend, and production wires the real handler map
 * (main/host/project-backend.ts).
 *
 * @example
 * const hub = createEventHub();
 * const off = hub.subscribe((event, payload) => console.log(event, payload));
 * hub.emit('project:changed', info);
 * off();
 */
import type { Events, Result } from '../../shared/contract';

export type EventName = keyof Events;
export type EventListener = <E extends EventName>(event: E, payload: Events[E]) => void;

export type Backend = {
  /** Never throws: unknown names and bad arguments come back as `{ ok: false, error }`. */
  dispatch(name: string, args: unknown): Promise<Result<unknown>>;
  /** Push events (project changes, menu commands); returns an unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
};

export type EventHub = {
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  subscribe(listener: EventListener): () => void;
};

/** A tiny fan-out: a listener that throws is isolated so one bad consumer cannot stop the others. */
export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(event, payload);
        } catch {
          // A broken listener (e.g. a closed socket) must not break the edit that emitted.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
