import type { GoogleEmulator } from './server.js';

/** The configuration that points Boundary's official Google SDK clients at this emulator. */
export function googleEnvFor(emulator: GoogleEmulator, client: { id: string; secret: string }): Record<string, string> {
  const ep = emulator.control.endpoints();
  return {
    GOOGLE_CLIENT_ID: client.id,
    GOOGLE_CLIENT_SECRET: client.secret,
    GOOGLE_API_ROOT_URL: `${emulator.url}/`,
    GOOGLE_CALENDAR_ROOT_URL: `${emulator.url}/`,
    GOOGLE_AUTH_URL: ep.authUrl,
    GOOGLE_TOKEN_URL: ep.tokenUrl,
    GOOGLE_REVOKE_URL: ep.revokeUrl,
    GOOGLE_CERTS_URL: ep.certsUrl,
    GOOGLE_PUBSUB_TOPIC: 'projects/boundary-test/topics/gmail',
    GOOGLE_PUBSUB_SERVICE_ACCOUNT: emulator.control.pushServiceAccount,
  };
}
