import { describe, expect, it } from 'vitest';
import { OutboundError, sendOutbound } from '../../../src/pipeline/alerts/outbound-http.js';
import { signBody } from '../../../src/pipeline/alerts/delivery.js';
import { createHmac } from 'node:crypto';

const post = (url: string, allowPrivate: boolean) => sendOutbound({ url, method: 'POST', headers: {}, body: '{}', timeoutMs: 2_000, allowPrivate });

describe('alert webhooks refuse internal targets', () => {
  it('refuses loopback and private addresses unless the operator allows them', async () => {
    for (const url of ['http://127.0.0.1:9/x', 'http://10.0.0.1/x', 'http://[::1]:9/x', 'http://localhost:9/x']) {
      const err = await post(url, false).catch((e: unknown) => e);
      expect(err, url).toBeInstanceOf(OutboundError);
      expect((err as OutboundError).permanent).toBe(true);
      expect((err as OutboundError).message).toMatch(/ALERT_WEBHOOK_ALLOW_PRIVATE_HOSTS/);
    }
  });
  it('never reaches link-local or metadata addresses, even when private ones are allowed', async () => {
    const err = (await post('http://169.254.169.254/latest/meta-data', true).catch((e: unknown) => e)) as OutboundError;
    expect(err.permanent).toBe(true);
    expect(err.message).toMatch(/never connects/);
  });
  it('refuses other schemes', async () => {
    expect(((await post('file:///etc/passwd', true).catch((e: unknown) => e)) as OutboundError).permanent).toBe(true);
  });
  it('signs the raw body with HMAC-SHA256', () => {
    expect(signBody('s3cret', '{"a":1}')).toBe(`sha256=${createHmac('sha256', 's3cret').update('{"a":1}').digest('hex')}`);
  });
});
