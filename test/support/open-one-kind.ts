import { googleEnvFor, startGoogleEmulator } from '../../dev/emulators/google/index.js';
import { startGraphEmulator } from '../../dev/emulators/microsoft/index.js';
import { connectGoogle, GOOGLE_CLIENT, startGoogleService } from '../../dev/support/google-service.js';
import { connectMicrosoft, startMicrosoftService } from '../../dev/support/microsoft-service.js';

/**
 * Starts the API and workers with both Google and Microsoft configured, then connects a mailbox
 * of one kind only (argv[2]: google, microsoft, or none), so that a module trace of this process
 * shows which vendor SDKs opening that kind loads. Used by test/integration/lazy-vendor-sdks.test.ts.
 */
const kind = process.argv[2];
const now = () => new Date('2026-11-24T09:00:00Z');

if (kind === 'google' || kind === 'none') {
  const graph = await startGraphEmulator({ now });
  const env = { MICROSOFT_CLIENT_ID: graph.control.oauth.clientId, MICROSOFT_CLIENT_SECRET: graph.control.oauth.clientSecret, MICROSOFT_AUTHORITY: graph.control.oauth.authority, MICROSOFT_GRAPH_URL: graph.baseUrl };
  const service = await startGoogleService({ now, env });
  if (kind === 'google') process.stdout.write(`connected ${await connectGoogle(service)}\n`);
  await service.stop();
  await graph.close();
} else if (kind === 'microsoft') {
  const google = await startGoogleEmulator({ now, clientId: GOOGLE_CLIENT.id, clientSecret: GOOGLE_CLIENT.secret, userAddress: 'elira@hoxha.studio' });
  const service = await startMicrosoftService({ now, env: googleEnvFor(google, GOOGLE_CLIENT) });
  process.stdout.write(`connected ${await connectMicrosoft(service)}\n`);
  await service.stop();
  await google.close();
} else {
  throw new Error(`open-one-kind: unknown kind '${kind}'`);
}
process.stdout.write('done\n');
