import type { Config } from '../../config/load.js';
import type { ProviderKind } from '../domain/message.js';
import { googleKit, googlePush, type GoogleGrant } from './gmail/kit.js';
import { accessOf, imapAccess, imapKit, type ImapAccess, type ImapGrant } from './imap/kit.js';
import type { ClientRequest, ConnectedProvider, Grant, OAuthKit, ProviderKit } from './kit.js';
import { microsoftKit, microsoftPush, type MicrosoftStoredGrant } from './outlook/kit.js';

/**
 * The one place that knows which provider kinds exist. Everything outside src/providers asks here
 * and never imports a vendor folder: a new kind is a folder under providers/ plus one line below.
 */
export const PROVIDER_KITS: readonly ProviderKit<Grant>[] = [googleKit, microsoftKit, imapKit];

/** What is sealed in accounts.tokens, per provider. */
export type StoredGrant = GoogleGrant | MicrosoftStoredGrant | ImapGrant;

export class UnknownProviderError extends Error {
  override readonly name = 'UnknownProviderError';
}

export interface ProviderRegistry {
  kinds(): ProviderKind[];
  kit(kind: string): ProviderKit;
  /** The kinds that connect and sign in through OAuth. */
  oauthKinds(): ProviderKind[];
  oauth(kind: string): OAuthKit;
  client(req: ClientRequest<Grant>): Promise<ConnectedProvider>;
  revoke(config: Config, grant: Grant): Promise<void>;
}

export function createRegistry(kits: readonly ProviderKit<Grant>[]): ProviderRegistry {
  const byKind = new Map<string, ProviderKit>(kits.map((k) => [k.kind, k]));
  const kit = (kind: string): ProviderKit => {
    const found = byKind.get(kind);
    // A grant of a kind this build does not know is refused, never read as some other kind.
    if (!found) throw new UnknownProviderError(`No provider of kind '${kind}' is known to this server`);
    return found;
  };
  return {
    kinds: () => [...byKind.keys()] as ProviderKind[],
    kit,
    oauthKinds: () => kits.filter((k) => k.oauth).map((k) => k.kind),
    oauth(kind) {
      const o = kit(kind).oauth;
      if (!o) throw new UnknownProviderError(`Provider '${kind}' does not sign in with OAuth`);
      return o;
    },
    client: async (req) => kit(req.grant.provider).client(req),
    revoke: (config, grant) => kit(grant.provider).revoke(config, grant),
  };
}

export const providers = createRegistry(PROVIDER_KITS);

/** Push verification and parsing, for the webhook routes (the URLs are the vendors' own). */
export const push = { google: googlePush, microsoft: microsoftPush };

/** How to reach an IMAP account's servers, from its grant; null for other kinds. */
export function imapAccessOf(config: Config, grant: StoredGrant, address: string): ImapAccess | null {
  return grant.provider === 'imap' ? accessOf(grant, address, config.imapExtraCa) : null;
}

export { imapAccess };
export type { ClientRequest, ConnectedProvider, Grant, OAuthIdentity, OAuthKit, OAuthPurpose, ProviderKit } from './kit.js';
export type { ImapAccess, ImapGrant, MailServers, IdleHold } from './imap/kit.js';
export { createPkce } from './pkce.js';
