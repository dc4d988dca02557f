import type { Config } from '../../config/load.js';
import { providers } from '../providers/registry.js';
import { getUserAccount, updateTokens, type AccountRow } from '../storage/accounts.js';
import { logActivity } from '../storage/activity.js';
import { setDrafting } from '../storage/drafts.js';
import type { PipelineContext } from './context.js';
import { beginOAuth, OAuthFlowError, type FlowWords, type RedeemedState } from './oauth-flow.js';
import { grantOf, providerForGrant, type StoredGrant } from './providers.js';

/**
 * The per-account drafting switch (issues 20, 21). Drafts need more than the connect scopes on
 * Gmail (gmail.compose), so turning drafting on there goes through incremental consent: the same
 * account gets a wider grant in place, keeping its cursors, watches and status. Outlook's connect
 * scopes already hold Mail.ReadWrite, and an IMAP password allows it: those turn on at once.
 * Accounts that never turn it on keep working exactly as before.
 */

export const DRAFTS_FEATURE = 'drafts';

export const draftingConsentUrl = (account: Pick<AccountRow, 'id' | 'provider'>) => `/connect/${account.provider}?feature=${DRAFTS_FEATURE}&account=${encodeURIComponent(account.id)}`;

/** Whether this kind can write drafts at all, and whether turning it on may take a consent step. */
export function draftingSupport(kind: string): { supported: boolean; consent: boolean } {
  const drafting = providers.kit(kind).drafting;
  return { supported: Boolean(drafting), consent: Boolean(drafting?.consentScopes) };
}

function grantAllows(ctx: PipelineContext, config: Config, account: AccountRow): boolean {
  const drafting = providers.kit(account.provider).drafting;
  return Boolean(drafting?.allowed(grantOf(ctx.cipher, account), config));
}

async function switchOn(ctx: PipelineContext, account: AccountRow): Promise<AccountRow> {
  if (!account.drafting) {
    await setDrafting(ctx.db, account.id, true);
    await logActivity(ctx.db, { userId: account.user_id, accountId: account.id, kind: 'account.drafting-on',
      summary: `Boundary may now leave drafts in the Drafts folder of ${account.address}. It never sends them: you read, edit and send.`, at: ctx.now() });
  }
  return { ...account, drafting: true };
}

export type DraftingChange =
  | { outcome: 'done'; account: AccountRow }
  | { outcome: 'consent'; consentUrl: string; account: AccountRow }
  | { outcome: 'not-found' }
  | { outcome: 'unsupported'; account: AccountRow };

/** Turns drafting on or off; on answers 'consent' with where to ask when the grant does not allow drafts yet. */
export async function changeDrafting(ctx: PipelineContext, config: Config, userId: string, accountId: string, on: boolean): Promise<DraftingChange> {
  const account = await getUserAccount(ctx.db, userId, accountId);
  if (!account) return { outcome: 'not-found' };
  if (!on) {
    if (account.drafting) {
      await setDrafting(ctx.db, account.id, false);
      await logActivity(ctx.db, { userId, accountId: account.id, kind: 'account.drafting-off',
        summary: `Boundary no longer leaves drafts in ${account.address}; drafts already there stay yours.`, at: ctx.now() });
    }
    return { outcome: 'done', account: { ...account, drafting: false } };
  }
  if (!draftingSupport(account.provider).supported) return { outcome: 'unsupported', account };
  if (grantAllows(ctx, config, account)) return { outcome: 'done', account: await switchOn(ctx, account) };
  return { outcome: 'consent', consentUrl: draftingConsentUrl(account), account };
}

/**
 * The start of the consent step: the provider's consent URL for the wider grant, or the account
 * itself when its grant already allows drafts (then it is simply turned on).
 */
export async function startDraftingConsent(ctx: PipelineContext, config: Config, userId: string, accountId: string, words: FlowWords): Promise<{ url: string } | { account: AccountRow }> {
  const account = await getUserAccount(ctx.db, userId, accountId);
  if (!account) throw new OAuthFlowError('No such mailbox is connected to your account. Start again from the Accounts page.');
  const scopes = providers.kit(account.provider).drafting?.consentScopes?.(config);
  if (grantAllows(ctx, config, account)) return { account: await switchOn(ctx, account) };
  if (!scopes) throw new OAuthFlowError(`Boundary cannot write drafts into this kind of mailbox (${account.provider}).`);
  const url = await beginOAuth(ctx.db, config, { kind: account.provider, purpose: 'connect', userId, now: ctx.now(), words,
    consent: { accountId: account.id, feature: DRAFTS_FEATURE, scopes, address: account.address } });
  return { url };
}

/**
 * The callback of the consent step: the wider grant replaces the account's own, in place, only if
 * it is for the same mailbox and really allows drafts. Nothing else about the account changes.
 */
export async function finishDraftingConsent(ctx: PipelineContext, config: Config, redeemed: RedeemedState, signedIn: string): Promise<AccountRow> {
  const account = redeemed.consent ? await getUserAccount(ctx.db, signedIn, redeemed.consent.accountId) : undefined;
  if (!account || redeemed.consent?.feature !== DRAFTS_FEATURE) throw new OAuthFlowError('This mailbox is no longer connected to your account, so nothing was changed.');
  const grant = (await redeemed.kit.grant(config, redeemed.exchange)) as StoredGrant;
  const { address } = await (await providerForGrant(config, grant, account.address, ctx.now, async () => {})).profile();
  if (address !== account.address) {
    throw new OAuthFlowError(`You gave access to ${address}, not ${account.address}, so nothing was changed. Start again and choose ${account.address}.`);
  }
  if (!providers.kit(account.provider).drafting?.allowed(grant, config)) {
    throw new OAuthFlowError(`${redeemed.kit.label} did not grant permission to write drafts (it was left unticked), so drafting stays off. You can try again any time.`);
  }
  await updateTokens(ctx.db, account.id, ctx.cipher.seal(JSON.stringify(grant)));
  return switchOn(ctx, account);
}
