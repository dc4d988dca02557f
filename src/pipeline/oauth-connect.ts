import type { Config } from '../../config/load.js';
import type { ProviderKind } from '../domain/message.js';
import { providers } from '../providers/registry.js';
import { ProviderError } from '../providers/types.js';
import type { AccountRow } from '../storage/accounts.js';
import { linkIdentity } from '../storage/identities.js';
import { connectAccount } from './connect-account.js';
import { finishDraftingConsent, startDraftingConsent } from './drafting.js';
import type { PipelineContext } from './context.js';
import { beginOAuth, OAuthFlowError, redeemState, type FlowWords } from './oauth-flow.js';
import { providerForGrant, type StoredGrant } from './providers.js';
import { offerStartingSchedule } from './starting-schedule.js';

export { OAuthFlowError } from './oauth-flow.js';

const WORDS: FlowWords = {
  notConfigured: (kit) => `${kit.label} is not configured on this server (${kit.setting} is unset).`,
  noState: 'The sign-in response has no state. Start again from the Accounts page.',
  expired: 'This connection link has expired or was already used. Start again from the Accounts page.',
  otherUser: 'This connection was started by a different Boundary user, so nothing was connected. Start again from your own Accounts page.',
  declined: 'You declined access, so nothing was connected. You can try again any time.',
  refused: (error) => `The provider refused the connection (${error}).`,
  noCode: 'The sign-in response has no authorization code.',
};

/** Starts the authorization-code flow with PKCE, with a state bound to the user that expires. */
export function startConnect(ctx: PipelineContext, config: Config, provider: ProviderKind, userId: string): Promise<string> {
  return beginOAuth(ctx.db, config, { kind: provider, purpose: 'connect', userId, now: ctx.now(), words: WORDS });
}

/**
 * Turning a feature on for a connected account (`feature=drafts`): the consent URL for the wider
 * grant, or the account when nothing needs asking. Only features Boundary knows are accepted.
 */
export async function startFeatureConsent(ctx: PipelineContext, config: Config, provider: ProviderKind, userId: string, feature: string, accountId: string): Promise<{ url: string } | { account: AccountRow }> {
  if (feature !== 'drafts') throw new OAuthFlowError(`"${feature.slice(0, 40)}" is not a feature that needs consent; the one there is is "drafts".`);
  const started = await startDraftingConsent(ctx, config, userId, accountId, WORDS);
  if ('account' in started && started.account.provider !== provider) throw new OAuthFlowError('That mailbox is not a mailbox of this kind. Start again from the Accounts page.');
  return started;
}

/** The callback: the code is exchanged with the PKCE verifier, then the account is connected. Any failure saves nothing. */
export async function finishConnect(
  ctx: PipelineContext,
  config: Config,
  provider: ProviderKind,
  q: { code?: string; state?: string; error?: string; error_description?: string },
  signedIn: string,
): Promise<{ account: AccountRow; feature: string | null }> {
  const redeemed = await redeemState(ctx.db, config, { kind: provider, purpose: 'connect', q, now: ctx.now(), signedIn, words: WORDS });
  // An incremental consent widens a connected account's grant in place: no new connection, no new baseline.
  if (redeemed.consent) return { account: await finishDraftingConsent(ctx, config, redeemed, signedIn), feature: redeemed.consent.feature };
  const { kit, exchange } = redeemed;
  const grant = (await kit.grant(config, exchange)) as StoredGrant;
  const probe = await providerForGrant(config, grant, 'pending', ctx.now, async () => {});
  const { address } = await probe.profile();
  const client = await providerForGrant(config, grant, address, ctx.now, async () => {});
  const pushEnabled = providers.kit(provider).pushEnabled(config);
  const account = await connectAccount(ctx, { userId: signedIn, provider, sealedTokens: ctx.cipher.seal(JSON.stringify(grant)), client, pushEnabled, pollIntervalSeconds: config.pollIntervalSeconds });
  const subject = kit.provenSubject?.(grant);
  // The user proved this provider account is theirs: from now on it signs them in.
  if (subject) await linkIdentity(ctx.db, provider, subject, signedIn);
  await offerStartingSchedule(ctx, config, signedIn, grant);
  return { account, feature: null };
}

export function isUserFacing(err: unknown): err is OAuthFlowError | ProviderError {
  return err instanceof OAuthFlowError || (err instanceof ProviderError && err.kind === 'permanent');
}
