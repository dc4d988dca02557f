import { loadConfig } from '../../config/load.js';
import { createRuntime } from '../../src/runtime.js';
import { startImapWatcher } from '../../workers/imap-watch.js';

/**
 * One IMAP watcher in its own process, with the lease length the test chose (LEASE_MS). It prints
 * `held <watcher id> <account ids>` whenever what it holds changes; the test SIGKILLs it, so it
 * dies without releasing anything.
 */
const runtime = await createRuntime(loadConfig(process.env));
const watcher = startImapWatcher(runtime, { leaseMs: Number(process.env.LEASE_MS) });
let last = '';
setInterval(() => {
  const held = watcher.held().sort().join(' ');
  if (held !== last) process.stdout.write(`held ${watcher.id} ${held}\n`);
  last = held;
}, 50);
