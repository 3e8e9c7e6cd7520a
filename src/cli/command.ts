/**
 * What every `sf outcomes` command shares: the exit status that scripts and schedulers read.
 *
 * - 0: everything planned was written (for `risk` and `report`: the answer is complete);
 * - 1: some records were refused or left unwritten; `failures` (and an import's error file) name each one and why,
 *   and a rerun after fixing them finishes the job without duplicating anything;
 * - 2: the run could not complete (a flag, the file or the org refused it, or a query or write stopped part way);
 *   what was written stays written and a rerun resumes.
 *
 * A dry run exits 1 when records would be refused, so a pipeline can check a file before it writes.
 */
import { SfCommand } from '@salesforce/sf-plugins-core';
import type { WriteProgress } from '../org/apply.js';

export const ExitStatus = { written: 0, refused: 1, stopped: 2 } as const;

export abstract class OutcomesCommand<T> extends SfCommand<T> {
  /** Every error a command throws stops the run: it exits 2, not the generic 1 that means "records refused". */
  protected override async catch(error: Parameters<SfCommand<T>['catch']>[0]): Promise<never> {
    const stopped = error as { exitCode?: number };
    stopped.exitCode = ExitStatus.stopped;
    // SfCommand.catch stops the spinner; an import's progress bar is stopped here, so the error is not drawn over.
    this.progress.stop();
    return super.catch(error);
  }

  /** Sets the exit status from the records refused or left unwritten (the result is still returned and printed). */
  // eslint-disable-next-line @typescript-eslint/class-methods-use-this -- a method of the command, so only commands set the exit status
  protected exitFor(refused: number): void {
    process.exitCode = refused > 0 ? ExitStatus.refused : ExitStatus.written;
  }

  /** The spinner as an apply step's progress: `startMessage` for each write (count, object), then done/total. */
  protected spinnerProgress(startMessage: (count: number, label: string) => string): WriteProgress {
    return {
      started: (count, label): void => this.spinner.start(startMessage(count, label)),
      progressed: (done, total): void => void (this.spinner.status = `${done}/${total}`),
      finished: (): void => this.spinner.stop(),
    };
  }
}
