/**
 * What a measured child process (a command, or a naive baseline) hands back to the benchmark: its result and
 * its own measurements, written as JSON to a file the parent names (stdout belongs to the command).
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** The commands the benchmark measures, in the order it runs them. */
export const COMMAND_KEYS = ['handover-sync', 'renewals-sync', 'measurements-import', 'recompute'] as const;
export type CommandKey = (typeof COMMAND_KEYS)[number];

export type ChildReport<R = unknown> = {
  ok: boolean;
  /** The command's --json result (or the naive run's summary); null when it failed. */
  result: R | null;
  error: string | null;
  /** Time to load the code (tsx compiles on the fly), then to run the work itself, in milliseconds. */
  loadMs: number;
  runMs: number;
  /**
   * CPU time of the process (user and system) while it ran the work, in milliseconds: the command's own work, apart
   * from the time it waited for the org (the local org runs in the benchmark's process).
   */
  cpuMs?: number;
  /** Resident set size after loading, and the process's peak (getrusage maxrss), in bytes. */
  rssAfterLoad: number;
  peakRss: number;
};

export function writeChildReport(file: string, report: ChildReport): void {
  writeFileSync(file, JSON.stringify(report));
}

export function readChildReport<R>(file: string): ChildReport<R> {
  return JSON.parse(readFileSync(file, 'utf8')) as ChildReport<R>;
}

/** CPU time (user and system) this process has used so far, in milliseconds. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Peak resident set size of this process so far, in bytes (Linux reports maxRSS in kilobytes). */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
