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
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: loggedPath(req.url) }),
    },
  };
}

/** A one-time sign-in link is a credential in the path: keep /login/google, hide /login/<token>. */
export function loggedPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Undecodable paths are logged as sent; they route nowhere.
  }
  const match = /^\/+login\/+([^/]+)/i.exec(decoded);
  if (!match || /^(google|microsoft)$/.test(match[1]!)) return path;
  return `/login/[redacted]${decoded.slice(match[0].length)}`;
}
