import { parseArgs } from 'node:util';
import { signLoginLink } from '../src/auth/login-link.js';
import { runDemo } from './run-demo.js';
import { ME } from './scenario.js';
import { bold } from './terminal.js';

const { values } = parseArgs({ options: { serve: { type: 'boolean' }, 'data-dir': { type: 'string' }, port: { type: 'string' } } });
const SIGN_IN_HOURS = 12;

// `npm run demo`: exits 1 when any event did not go as the scenario expects.
// `npm run demo -- --serve`: then leaves the service running on the emulators, to click through.
runDemo(values.serve ? { serve: { dataDir: values['data-dir'] ?? 'data/demo-service', ...(values.port ? { port: Number(values.port) } : {}) } } : {}).then(
  (result) => {
    if (!result.service) process.exit(result.mismatches ? 1 : 0);
    const s = result.service;
    const now = s.runtime.now();
    const { token } = signLoginLink(s.config.sessionSecret, ME, now, SIGN_IN_HOURS * 3_600_000);
    process.stdout.write(`\n${bold('The service is still running')} on the emulators, on the demo's clock (${now.toISOString()}), with data in ${s.config.dataDir}.\n`);
    process.stdout.write(`Sign in as ${ME} (the link works once): ${s.baseUrl}/login/${token}\n`);
    process.stdout.write(`Then open Activity, Follow-ups, Digests and Clients. Press Ctrl-C to stop.\n`);
    const stop = () => void s.stop().finally(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (err: unknown) => {
    process.stderr.write(`demo failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
