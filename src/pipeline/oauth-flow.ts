import { randomBytes } from 'node:crypto';
import type { Config } from '../../config/load.js';
import { createPkce, providers, type OAuthKit, type OAuthPurpose } from '../providers/registry.js';
import type { Db } from '../storage/db.js';
import { saveOAuthState, takeOAuthState } from '../storage/oauth-states.js';

/**
 * The one OAuth authorization-code flow (PKCE), for connecting a mailbox and for signing in: a
 * single-use state bound to the provider, the purpose and (for connect) the user, that expires.
 * The HTTP layer also binds the state to the starting browser (oauth-binding.ts).
 */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

export class OAuthFlowError extends Error {
  override readonly name = 'OAuthFlowError';
}

/** The words of each refusal, which differ between connecting and signing in. */
export interface FlowWords {
  notConfigured: (kit: OAuthKit) => string;
  noState: string;
  expired: string;
  otherUser?: string;
  declined: string;
  refused: (error: string) => string;
  noCode: string;
}

export const callbackUri = (config: Config, purpose: OAuthPurpose, kind: string) => `${config.publicUrl}/${purpose === 'connect' ? 'connect' : 'login'}/${kind}/callback`;

/** The provider's OAuth declarations; a kind that is not configured here is refused before anything is saved. */
export function oauthKit(config: Config, kind: string, words: FlowWords): OAuthKit {
  const kit = providers.oauth(kind);
  if (!kit.configured(config)) throw new OAuthFlowError(words.notConfigured(kit));
  return kit;
}

/** An incremental consent: more scopes for an account already connected, for one feature. */
export interface ConsentRequest {
  accountId: string;
  feature: string;
  scopes: string[];
  /** The connected mailbox's address, so the provider offers that account. */
  address: string;
}

/** Saves a fresh state and returns the provider's consent URL carrying it. */
export async function beginOAuth(db: Db, config: Config, p: { kind: string; purpose: OAuthPurpose; userId: string | null; now: Date; words: FlowWords; consent?: ConsentRequest }): Promise<string> {
  const kit = oauthKit(config, p.kind, p.words);
  const state = randomBytes(24).toString('base64url');
  const { codeVerifier, codeChallenge } = createPkce();
  const consent = p.consent ? { accountId: p.consent.accountId, feature: p.consent.feature } : null;
  await saveOAuthState(db, { state, userId: p.userId, provider: p.kind, purpose: p.purpose, codeVerifier, consent }, new Date(p.now.getTime() + OAUTH_STATE_TTL_MS));
  return kit.authUrl(config, { purpose: p.purpose, redirectUri: callbackUri(config, p.purpose, p.kind), state, codeChallenge,
    ...(p.consent ? { extraScopes: p.consent.scopes, loginHint: p.consent.address } : {}) });
}

export interface RedeemedState {
  kit: OAuthKit;
  userId: string | null;
  /** Set when the flow was an incremental consent for a connected account. */
  consent: { accountId: string; feature: string } | null;
  /** What the kit needs to redeem the code. */
  exchange: { code: string; codeVerifier: string; redirectUri: string };
}

/**
 * The callback: the state must exist, be unexpired, match the provider and purpose, and is used
 * once; for connect it must also have been started by `signedIn`. Nothing is saved here.
 */
export async function redeemState(
  db: Db,
  config: Config,
  p: { kind: string; purpose: OAuthPurpose; q: { code?: string; state?: string; error?: string }; now: Date; signedIn?: string; words: FlowWords },
): Promise<RedeemedState> {
  const { q, words } = p;
  if (!q.state) throw new OAuthFlowError(words.noState);
  const saved = await takeOAuthState(db, q.state, p.now);
  if (!saved || saved.provider !== p.kind || saved.purpose !== p.purpose || (p.purpose === 'connect' && !saved.userId)) throw new OAuthFlowError(words.expired);
  // A connect link handed to someone else must not attach their mailbox to the sender's account.
  if (p.purpose === 'connect' && saved.userId !== p.signedIn) throw new OAuthFlowError(words.otherUser ?? words.expired);
  if (q.error) throw new OAuthFlowError(q.error === 'access_denied' ? words.declined : words.refused(q.error));
  if (!q.code) throw new OAuthFlowError(words.noCode);
  return { kit: oauthKit(config, p.kind, words), userId: saved.userId, consent: saved.consent ?? null, exchange: { code: q.code, codeVerifier: saved.codeVerifier, redirectUri: callbackUri(config, p.purpose, p.kind) } };
}
