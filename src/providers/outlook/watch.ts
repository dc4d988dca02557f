import type { Client } from '@microsoft/microsoft-graph-client';
import type { WatchInfo } from '../types.js';
import { graphCall } from './errors.js';
import { ProviderError } from '../types.js';

/**
 * Change-notification subscriptions. Outlook messages/events allow at most 10,080 minutes; we ask
 * for a little less so clock skew never makes Graph reject the request. The lifecycle URL can
 * only be set at creation, so it is always sent then.
 */

const LIFETIME_MS = 10_000 * 60_000;

export interface WatchTarget {
  notificationUrl: string;
  lifecycleUrl: string;
  clientState: string;
}

interface SubscriptionJson {
  id: string;
  expirationDateTime: string;
  resource: string;
}

export class OutlookWatch {
  constructor(
    private readonly client: Client,
    private readonly target: WatchTarget,
    private readonly now: () => Date,
  ) {
    if (target.clientState.length < 16 || target.clientState.length > 128) {
      throw new Error('clientState must be a secret of 16 to 128 characters (Graph allows up to 128)');
    }
  }

  private expiry(): string {
    return new Date(this.now().getTime() + LIFETIME_MS).toISOString();
  }

  async start(resource: string, changeType: string): Promise<WatchInfo> {
    const sub = (await graphCall('subscribe', this.now, () =>
      this.client.api('/subscriptions').post({
        changeType,
        notificationUrl: this.target.notificationUrl,
        lifecycleNotificationUrl: this.target.lifecycleUrl,
        resource,
        expirationDateTime: this.expiry(),
        clientState: this.target.clientState,
      }),
    )) as SubscriptionJson;
    return { id: sub.id, expiresAt: sub.expirationDateTime, resource: sub.resource };
  }

  async renew(current: WatchInfo): Promise<WatchInfo> {
    const sub = (await graphCall('renew subscription', this.now, () =>
      this.client.api(`/subscriptions/${encodeURIComponent(current.id)}`).patch({ expirationDateTime: this.expiry() }),
    )) as SubscriptionJson;
    return { id: sub.id, expiresAt: sub.expirationDateTime, resource: sub.resource ?? current.resource };
  }

  /** Deleting a subscription that is already gone is success. */
  async stop(current: WatchInfo): Promise<void> {
    try {
      await graphCall('delete subscription', this.now, () => this.client.api(`/subscriptions/${encodeURIComponent(current.id)}`).delete());
    } catch (err) {
      if (!(err instanceof ProviderError && err.kind === 'not_found')) throw err;
    }
  }
}
