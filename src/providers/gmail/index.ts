export { createGmailProvider, type GmailProviderOptions } from './provider.js';
export {
  createGoogleOAuthClient, createPkce, decodeGmailPush, exchangeGoogleCode, googleAuthUrl, revokeGoogleToken,
  verifyGoogleIdToken, verifyPubsubJwt, type GoogleEndpoints, type GoogleOAuthClient, type GoogleTokens,
} from './oauth.js';
export { translateGoogleError } from './errors.js';
