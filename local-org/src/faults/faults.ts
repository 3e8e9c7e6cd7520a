/**
 * Fault injection for the local org: the failures a real org produces under load, on demand and repeatable.
 *
 * Every random draw comes from one seeded generator, so a test that sets `seed` sees the same calls fail
 * in the same order on every run. Faults apply to `/services` routes only; the admin surface never fails.
 */
export type FaultSettings = {
  /** Added to every answer, in milliseconds. */
  latencyMs: number;
  /** Share (0..1) of calls answering 503 SERVER_UNAVAILABLE. */
  unavailableShare: number;
  /** Share (0..1) of calls answering 403 REQUEST_LIMIT_EXCEEDED (concurrent-request limit: transient). */
  rateLimitShare: number;
  /** Share (0..1) of records inside collection and bulk calls failing with UNABLE_TO_LOCK_ROW. */
  lockRowShare: number;
  /** Daily API request cap: once this many calls were answered, every call answers 403 "TotalRequests Limit exceeded.". */
  apiCallCap: number | null;
  /** Seed of the generator behind every share above. */
  seed: number;
};

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  unavailableShare: 0,
  rateLimitShare: 0,
  lockRowShare: 0,
  apiCallCap: null,
  seed: 1,
};

/** mulberry32: small, fast and good enough to spread failures evenly; only repeatability matters here. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type CallFault =
  | { kind: 'unavailable'; httpStatus: 503; errorCode: 'SERVER_UNAVAILABLE'; message: string }
  | { kind: 'rateLimited' | 'capExceeded'; httpStatus: 403; errorCode: 'REQUEST_LIMIT_EXCEEDED'; message: string };

function share(value: unknown, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`Fault setting ${name} must be a share between 0 and 1, got ${String(value)}.`);
  return n;
}

/** Checks settings from an options object or the admin endpoint; unknown keys are an error so typos do not pass silently. */
export function parseFaultSettings(input: unknown, base: FaultSettings = NO_FAULTS): FaultSettings {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new Error('Fault settings must be a JSON object, e.g. {"unavailableShare": 0.1, "seed": 7}.');
  }
  const known = new Set(Object.keys(NO_FAULTS));
  const unknown = Object.keys(input).filter((k) => !known.has(k));
  if (unknown.length) throw new Error(`Unknown fault setting(s): ${unknown.join(', ')}. Known: ${[...known].join(', ')}.`);
  const raw = input as Partial<Record<keyof FaultSettings, unknown>>;
  const latencyMs = raw.latencyMs === undefined ? base.latencyMs : Number(raw.latencyMs);
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`Fault setting latencyMs must be a number of milliseconds >= 0, got ${String(raw.latencyMs)}.`);
  const cap = raw.apiCallCap === undefined ? base.apiCallCap : raw.apiCallCap === null ? null : Number(raw.apiCallCap);
  if (cap !== null && (!Number.isInteger(cap) || cap < 0)) throw new Error(`Fault setting apiCallCap must be a whole number >= 0 or null, got ${String(raw.apiCallCap)}.`);
  const seed = raw.seed === undefined ? base.seed : Number(raw.seed);
  if (!Number.isInteger(seed)) throw new Error(`Fault setting seed must be a whole number, got ${String(raw.seed)}.`);
  return {
    latencyMs,
    unavailableShare: raw.unavailableShare === undefined ? base.unavailableShare : share(raw.unavailableShare, 'unavailableShare'),
    rateLimitShare: raw.rateLimitShare === undefined ? base.rateLimitShare : share(raw.rateLimitShare, 'rateLimitShare'),
    lockRowShare: raw.lockRowShare === undefined ? base.lockRowShare : share(raw.lockRowShare, 'lockRowShare'),
    apiCallCap: cap,
    seed,
  };
}

export class FaultInjector {
  private settingsValue: FaultSettings;
  private random: () => number;

  public constructor(settings: FaultSettings = NO_FAULTS) {
    this.settingsValue = settings;
    this.random = mulberry32(settings.seed);
  }

  public get settings(): FaultSettings {
    return this.settingsValue;
  }

  /** Replaces the settings and restarts the generator from the (new) seed. */
  public set(settings: FaultSettings): void {
    this.settingsValue = settings;
    this.random = mulberry32(settings.seed);
  }

  /** The failure, if any, this call answers with instead of its result. `callsUsed` counts calls answered so far today. */
  public forCall(callsUsed: number): CallFault | null {
    const s = this.settingsValue;
    if (s.apiCallCap !== null && callsUsed >= s.apiCallCap) {
      return { kind: 'capExceeded', httpStatus: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' };
    }
    // Draw both numbers on every call so that one share does not shift which calls the other hits.
    const unavailable = this.random() < s.unavailableShare;
    const rateLimited = this.random() < s.rateLimitShare;
    if (unavailable) return { kind: 'unavailable', httpStatus: 503, errorCode: 'SERVER_UNAVAILABLE', message: 'Server is unavailable, please try again later.' };
    if (rateLimited) {
      return { kind: 'rateLimited', httpStatus: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded.' };
    }
    return null;
  }

  /** Which of `count` records of a write fail with UNABLE_TO_LOCK_ROW (indexes, ascending). */
  public lockedRows(count: number): number[] {
    const s = this.settingsValue.lockRowShare;
    if (s <= 0) return [];
    const locked: number[] = [];
    for (let i = 0; i < count; i++) if (this.random() < s) locked.push(i);
    return locked;
  }
}
