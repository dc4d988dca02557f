import { afterAll, describe } from 'vitest';
import { mailServersMissing } from '../../dev/support/mail-servers.js';
import { imapHarness, stopSharedServers } from './imap-harness.js';
import { providerContract } from './suite.js';

/** The shared provider contract against real Debian servers (Dovecot, Postfix, Radicale). */
const missing = mailServersMissing();
if (missing) describe.skip(`imap contract: ${missing}`, () => {});
else {
  afterAll(stopSharedServers, 30_000);
  providerContract(imapHarness());
}
