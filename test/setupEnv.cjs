// Every test run gets its own home, so the @salesforce/core auth files it writes never touch the developer's.
const fs = require('node:fs');
const path = require('node:path');

const home = path.join(__dirname, '..', '.tmp', `home-${process.env.JEST_WORKER_ID ?? '0'}`);
fs.mkdirSync(home, { recursive: true });
process.env.HOME = home;
process.env.TMPDIR = path.join(__dirname, '..', '.tmp');
process.env.SF_DISABLE_TELEMETRY = 'true';
process.env.SF_AUTOUPDATE_DISABLE = 'true';
process.env.SF_USE_GENERIC_UNIX_KEYCHAIN = 'true';
process.env.SF_DISABLE_LOG_FILE = 'true';
process.env.SF_SKIP_NEW_VERSION_CHECK = 'true';
process.env.OUTCOMES_RETRY_BASE_MS = '5';
