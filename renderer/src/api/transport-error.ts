import { err } from '../../../shared/contract';
import type { Result } from '../../../shared/contract';

/** A failure of the transport itself (server gone, IPC broken), as data like every other error. */
export function transportError(name: string, message: string): Result<never> {
  return err('transport', `${name}: ${message}`);
}

/** True when a value has the `Result` shape; anything else from the wire is a transport failure. */
export function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as {
    ok?: unknown;
    value?: unknown;
    error?: { code?: unknown; message?: unknown };
  };
  if (v.ok === true) return 'value' in v;
  return v.ok === false && typeof v.error?.code === 'string' && typeof v.error.message === 'string';
}
