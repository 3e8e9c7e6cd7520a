/**
 * A full garbage collection between the steps of a sync at scale. V8 lets its heap grow to several times what is
 * live before it collects in full: a handover of 30,000 deals, holding about 250 MB, peaked at over 700 MB, and what
 * one step read or wrote is garbage the next does not need. Collecting before each step keeps the peak near
 * what is live (570 MB there, for a few hundred milliseconds a collection). Node has no supported call for it
 * without --expose-gc, which an `sf` plugin cannot pass to the CLI's process: the flag is set for as long as it
 * takes to get V8's collector function, as Jest's leak detector does, then cleared again.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let collector: (() => void) | null | undefined;

function obtainCollector(): (() => void) | null {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    // A runtime that refuses the flag: the sync works as before, only with a higher peak.
    return null;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}

/** Collects garbage in full, where the runtime allows; otherwise does nothing. */
export function collectGarbage(): void {
  if (collector === undefined) collector = obtainCollector();
  collector?.();
}

/**
 * A counter that collects in full each time `every` more items have gone through a long loop at scale (reading
 * a book into a spool, planning it from there): what the loop made piles up otherwise until V8 collects on its
 * own, which at 100,000 deals was after the heap had grown to three times what was live.
 */
export function collectEvery(every: number): (items: number) => void {
  let since = 0;
  return (items) => {
    since += items;
    if (since < every) return;
    since = 0;
    collectGarbage();
  };
}
