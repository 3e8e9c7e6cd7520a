/**
 * What every `sf outcomes` command shares: the exit status that scripts and schedulers read, errors that name the
 * real cause when the org itself is the problem, and progress for long writes.
 *
 * - 0: everything planned was written (for `risk` and `report`: the answer is complete);
 * - 1: some records were refused or left unwritten; `failures` (and an import's error file) name each one and why,
 *   and a rerun after fixing them finishes the job without duplicating anything;
 * - 2: the run could not complete (a flag, the file or the org refused it, or a query or write stopped part way);
 *   what was written stays written and a rerun resumes.
 *
 * A dry run exits 1 when records would be refused, so a pipeline can check a file before it writes.
 */
import { Org, SfError } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import type { Input, ParserOutput } from '@oclif/core/interfaces';
import type { WriteProgress } from '../org/apply.js';
import { boundNetworkRetries, type OrgConnection } from '../org/connection.js';
import { orgFailureError } from './orgFailure.js';
import { writeProgress } from './progress.js';

/** oclif's parsed flags and args (its FlagOutput and ArgOutput, which @oclif/core/interfaces does not export). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Parsed = Record<string, any>;

export const ExitStatus = { written: 0, refused: 1, stopped: 2 } as const;

/** A sync's recorded run (src/org/syncSession.ts): an error that stops the command stops the run with its reason. */
type StoppableRun = { stop(reason: string): Promise<void> };

export abstract class OutcomesCommand<T> extends SfCommand<T> {
  /** Set by a sync once it has recorded its run in the org. */
  protected syncRun?: StoppableRun;

  /** The org the command works on, as the user named it, for messages that say what to do about it. */
  private target?: { org: Org; typed: string | undefined };

  /** Every error a command throws stops the run: it exits 2, not the generic 1 that means "records refused". */
  protected override async catch(error: Parameters<SfCommand<T>['catch']>[0]): Promise<never> {
    // The org down, the session expired or the daily API requests used up: say which, and what to do.
    const named = this.target ? orgFailureError(error, this.target.org, this.target.typed) : null;
    const stopped = (named ?? error) as SfError & { exitCode?: number };
    stopped.exitCode = ExitStatus.stopped;
    // The run's record says why it stopped; the mark stays where it was.
    await this.syncRun?.stop(String((error as { message?: unknown }).message ?? error));
    // SfCommand.catch stops the spinner, so the error is not drawn over it.
    return super.catch(stopped);
  }

  /** Keeps the target org for messages, and bounds the retries of its connection (see boundNetworkRetries). */
  protected override async parse<F extends Parsed, B extends Parsed, A extends Parsed>(
    options?: Input<F, B, A>,
    argv?: string[],
  ): Promise<ParserOutput<F, B, A>> {
    const parsed = await super.parse(options, argv);
    const org = (parsed.flags as { 'target-org'?: unknown })['target-org'];
    if (org instanceof Org) {
      const typed = typedTargetOrg(argv ?? this.argv);
      this.target = { org, typed };
      boundNetworkRetries(org.getConnection() as OrgConnection);
    }
    return parsed;
  }

  /** Sets the exit status from the records refused or left unwritten (the result is still returned and printed). */
  // eslint-disable-next-line @typescript-eslint/class-methods-use-this -- a method of the command, so only commands set the exit status
  protected exitFor(refused: number): void {
    process.exitCode = refused > 0 ? ExitStatus.refused : ExitStatus.written;
  }

  /**
   * Progress of an apply step's writes: `startMessage` for each write (count, object), then records written / total,
   * one updating line on a terminal and a line per tenth elsewhere (see writeProgress). Nothing with --json.
   */
  protected spinnerProgress(startMessage: (count: number, label: string) => string): WriteProgress {
    return writeProgress({ spinner: this.spinner, jsonEnabled: this.jsonEnabled(), startMessage });
  }
}

/** The value of --target-org / -o as typed (an alias or a username), if it was typed. */
function typedTargetOrg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--target-org' || arg === '-o') return argv[i + 1];
    if (arg.startsWith('--target-org=')) return arg.slice('--target-org='.length);
  }
  return undefined;
}
