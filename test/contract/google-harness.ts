import { createGmailProvider, type GmailProviderOptions } from '../../src/providers/gmail/provider.js';
import { createGoogleOAuthClient, type GoogleOAuthClient } from '../../src/providers/gmail/oauth.js';
import { startGoogleEmulator, type GoogleEmulator } from '../../dev/emulators/google/server.js';
import type { ProviderHarness } from '../../dev/emulators/harness.js';

export const CLIENT = { clientId: 'contract-client.apps.googleusercontent.com', clientSecret: 'contract-secret', redirectUri: 'http://127.0.0.1/oauth/google' };

export interface GoogleHarness extends ProviderHarness {
  emulator(): GoogleEmulator;
  auth(): GoogleOAuthClient;
}

/** The Gmail adapter against the Google emulator; a small page size so paging is exercised. `now` is the mailbox clock. */
export function googleHarness(extra: Partial<GmailProviderOptions> = {}, now?: () => Date): GoogleHarness {
  let emulator: GoogleEmulator | undefined;
  let auth: GoogleOAuthClient | undefined;
  return {
    name: 'gmail adapter + google emulator',
    async start() {
      emulator = await startGoogleEmulator({ clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, ...(now ? { now } : {}) });
      const { control } = emulator;
      auth = createGoogleOAuthClient({ ...CLIENT, endpoints: control.endpoints(), tokens: { refresh_token: control.issueRefreshToken() } });
      const provider = createGmailProvider({
        rootUrl: `${emulator.url}/`, auth, pubsubTopic: 'projects/boundary-test/topics/gmail', now: () => new Date(), pageSize: 50, ...extra,
      });
      return { mail: provider, calendar: provider, control };
    },
    async stop() {
      await emulator?.close();
      emulator = undefined;
    },
    emulator: () => {
      if (!emulator) throw new Error('harness not started');
      return emulator;
    },
    auth: () => {
      if (!auth) throw new Error('harness not started');
      return auth;
    },
  };
}
