// Runs inside jest's sandbox before every node-project suite: what @salesforce/core and jsforce need there,
// and a home of the test run's own, so the auth files tests write never touch the developer's.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { addAbortListener } = require('node:events');

const tmp = path.join(__dirname, '..', '.tmp');
// The real-org workflow runs the NUTs against a scratch org authenticated in the runner's own home: keep that one.
const home = process.env.OUTCOMES_NUT_TARGET_ORG ? os.homedir() : path.join(tmp, `home-${process.env.JEST_WORKER_ID ?? '0'}`);
fs.mkdirSync(path.join(home, '.sfdx'), { recursive: true });
fs.mkdirSync(path.join(home, '.sf'), { recursive: true });
process.env.HOME = home;
process.env.TMPDIR = tmp;
process.env.SF_DISABLE_TELEMETRY = 'true';
process.env.SF_AUTOUPDATE_DISABLE = 'true';
process.env.SF_USE_GENERIC_UNIX_KEYCHAIN = 'true';
process.env.SF_DISABLE_LOG_FILE = 'true';
process.env.SF_SKIP_NEW_VERSION_CHECK = 'true';
process.env.OUTCOMES_RETRY_BASE_MS = '5';

// os.homedir() reads the real environment, not jest's copy of process.env.
os.homedir = () => home;

// Node's fs errors come from the main realm, so @salesforce/core's `err instanceof Error` fails in the sandbox and a
// file lock is never released (each registration then stalls ~10 s). Let the sandbox's Error recognise any realm's.
const plainHasInstance = Function.prototype[Symbol.hasInstance];
Object.defineProperty(Error, Symbol.hasInstance, {
  configurable: true,
  value(value) {
    return plainHasInstance.call(this, value) || (this === Error && Object.prototype.toString.call(value) === '[object Error]');
  },
});

// jest's realm lacks Node's Symbol.dispose, and undici (under jsforce) then throws "removeAbortListener is not a function".
const probe = addAbortListener(new AbortController().signal, () => undefined);
const nodeDispose = Object.getOwnPropertySymbols(probe)[0];
if (nodeDispose && Symbol.dispose !== nodeDispose) {
  Object.defineProperty(Symbol, 'dispose', { value: nodeDispose, configurable: true });
}
