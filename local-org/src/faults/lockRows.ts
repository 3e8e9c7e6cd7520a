import type { SaveError, SaveResult } from '../engine/types.js';
import type { FaultInjector } from './faults.js';

export const ROLLED_BACK: SaveError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

function lockError(id: unknown): SaveError {
  const which = typeof id === 'string' && id ? id : 'this record';
  return { statusCode: 'UNABLE_TO_LOCK_ROW', message: `unable to obtain exclusive access to this record or 1 records: ${which}`, fields: [] };
}

/**
 * Runs a write of `items` with the injector's share of rows failing UNABLE_TO_LOCK_ROW, the way a real org
 * fails rows another transaction holds: the locked rows are not written, the others are (or, with allOrNone,
 * nothing is and the others report ALL_OR_NONE_OPERATION_ROLLED_BACK). Results keep the order of `items`.
 */
export function writeWithLockFaults<T>(
  items: T[],
  allOrNone: boolean,
  faults: FaultInjector,
  idOf: (item: T) => unknown,
  write: (subset: T[]) => SaveResult[],
): { results: SaveResult[]; lockedCount: number } {
  const locked = new Set(faults.lockedRows(items.length));
  if (locked.size === 0) return { results: write(items), lockedCount: 0 };
  if (allOrNone) {
    const results = items.map((item, i) => ({ id: null, success: false, errors: [locked.has(i) ? lockError(idOf(item)) : ROLLED_BACK] }));
    return { results, lockedCount: locked.size };
  }
  const writable = items.filter((_, i) => !locked.has(i));
  const written = writable.length ? write(writable) : [];
  let next = 0;
  const results = items.map((item, i) => (locked.has(i) ? { id: null, success: false, errors: [lockError(idOf(item))] } : written[next++]));
  return { results, lockedCount: locked.size };
}
