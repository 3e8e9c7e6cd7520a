/**
 * What `@salesforce/core` needs to run inside jest's sandbox (test-only; the lead may move this to test/setupEnv.cjs):
 *
 * - HOME: setupEnv.cjs sets it on jest's copy of process.env, but os.homedir() reads the real environment,
 *   so core would write auth files to the real ~/.sfdx. Point os.homedir at a folder under .tmp.
 * - Errors: Node's fs errors are created in the main realm, so core's `err instanceof Error` checks fail in the
 *   sandbox; core then never releases a file lock and waits ~10 s for it to go stale. Let the sandbox's Error
 *   recognise errors of any realm.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

const plainHasInstance = Function.prototype[Symbol.hasInstance];

export function useTestHome(projectDir: string, name: string): { home: string; restore(): void } {
  const home = join(projectDir, '.tmp', `${name}-${process.env.JEST_WORKER_ID ?? '0'}`);
  mkdirSync(join(home, '.sfdx'), { recursive: true });
  mkdirSync(join(home, '.sf'), { recursive: true });
  const realHomedir = os.homedir;
  os.homedir = () => home;
  Object.defineProperty(Error, Symbol.hasInstance, {
    configurable: true,
    value(this: unknown, value: unknown): boolean {
      return plainHasInstance.call(this, value) || (this === Error && Object.prototype.toString.call(value) === '[object Error]');
    },
  });
  return {
    home,
    restore: () => {
      os.homedir = realHomedir;
      Reflect.deleteProperty(Error, Symbol.hasInstance);
    },
  };
}
