// Logs every module Node resolves, for tests that check what a command loads:
//   CARELOAD_IMPORT_LOG=/tmp/urls.txt node --import ./tests/scripts/log-imports.mjs dist/cli/careload.js --version
// registers resolve hooks (import-log-hooks.mjs) that append each resolved URL
// to that file, one per line.
import { register } from 'node:module';

register('./import-log-hooks.mjs', import.meta.url, { data: { log: process.env.CARELOAD_IMPORT_LOG } });
