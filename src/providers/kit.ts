import type { Config } from '../../config/load.js';
import type { ProviderKind } from '../domain/message.js';
import type { Settings, Vacation } from '../domain/settings.js';
import type { CallGate, CalendarProvider, DraftWriter, HeldDrafts, MailProvider } from './types.js';

/**
 * What one provider kind declares, so that nothing outside src/providers names a vendor: how a
 * client is made from its stored grant, how that grant is revoked, and (for OAuth providers) how
 * consent starts and ends. A new kind is a folder under providers/ plus one line in registry.ts.
 */

/** A mailbox client; `calendar`, `heldDrafts` and `draftWriter` are capabilities a provider may lack. */
export type ConnectedProvider = MailProvider & { readonly calendar?: CalendarProvider; readonly heldDrafts?: HeldDrafts; readonly draftWriter?: DraftWriter };

/** What is sealed in accounts.tokens: the kind, then whatever that kind needs. */
export interface Grant {
  provider: ProviderKind;
}

export interface ClientRequest<G extends Grant> {
  config: Config;
  grant: G;
  address: string;
  now: () => Date;
  /** Persists refreshed or rotated credentials. */
  onGrant(grant: G): Promise<void>;
  /** The pause this account's calls share with every other job of the account. */
  gate?: CallGate;
}

export type OAuthPurpose = 'connect' | 'sign-in';

/** Who a sign-in code proves the user to be. */
export interface OAuthIdentity {
  email: string;
  name?: string;
  /** The provider vouches for the address (Google's email_verified); otherwise it proves nothing. */
  emailVerified: boolean;
  /** The provider's immutable account id. */
  subject: string;
}

export interface OAuthKit<G extends Grant = Grant> {
  /** 'Google', 'Microsoft': the name in messages. */
  label: string;
  /** 'a Gmail', 'an Outlook': the mailbox product, with its article, in API docs. */
  mailbox: string;
  /** The environment variable that turns this provider on, named when it is missing. */
  setting: string;
  configured(config: Config): boolean;
  authUrl(config: Config, p: { purpose: OAuthPurpose; redirectUri: string; state: string; codeChallenge: string }): Promise<string>;
  /** Redeems a connect code for the grant to seal. Refusals are ProviderErrors. */
  grant(config: Config, p: { code: string; codeVerifier: string; redirectUri: string }): Promise<G>;
  /** Redeems a sign-in code (identity scopes only). A refusal is a permanent ProviderError with a message for the user. */
  identity(config: Config, p: { code: string; codeVerifier: string; redirectUri: string }): Promise<OAuthIdentity>;
  /**
   * The account id a connect grant proves is the user's, when sign-in goes by that id rather than
   * by a verified address (the provider's usernames prove nothing).
   */
  provenSubject?(grant: G): string;
}

/** Working hours and time off a mailbox already knows, offered as a starting schedule. */
export interface MailboxDefaults {
  /** Where they come from, in the user's words ('Outlook'). */
  source: string;
  timeZone: string;
  week: Settings['week'];
  timeOff: Vacation | null;
}

export interface ProviderKit<G extends Grant = Grant> {
  kind: ProviderKind;
  /** A kind may load its SDK here, so that only the kinds a process opens are ever loaded. */
  client(req: ClientRequest<G>): ConnectedProvider | Promise<ConnectedProvider>;
  /** Revokes what can be revoked; a grant that is simply deleted with the account does nothing. */
  revoke(config: Config, grant: G): Promise<void>;
  /** Whether the connect step should start push watches (Gmail needs a Pub/Sub topic). */
  pushEnabled(config: Config): boolean;
  oauth?: OAuthKit<G>;
  /**
   * Writing drafts into the mailbox (issue 20): whether a stored grant allows it, and the scopes an
   * incremental consent adds when it does not. A kind without it never writes drafts.
   */
  drafting?: { allowed(grant: G, config: Config): boolean; consentScopes?(config: Config): string[] };
  /** The mailbox's own working hours, when the provider keeps them. */
  mailboxDefaults?(config: Config, grant: G, now: () => Date): Promise<MailboxDefaults>;
}
