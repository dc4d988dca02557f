import type { LoggerOptions } from 'pino';

/** Anything that could carry a credential is redacted wherever it appears in a log line. */
export const REDACT_PATHS = [
  'token', '*.token', '*.*.token', 'tokens', '*.tokens', 'accessToken', '*.accessToken', 'access_token', '*.access_token',
  'refreshToken', '*.refreshToken', 'refresh_token', '*.refresh_token', 'idToken', '*.idToken', 'id_token', '*.id_token',
  'secret', '*.secret', '*.*.secret', 'clientSecret', '*.clientSecret', 'client_secret', '*.client_secret',
  'authorization', '*.authorization', '*.*.authorization', 'cookie', '*.cookie', '*.*.cookie', '*["set-cookie"]', '*.*["set-cookie"]',
  'password', '*.password', 'clientState', '*.clientState',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // Query strings may carry OAuth codes and validation tokens; log the path only.
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
    },
  };
}
