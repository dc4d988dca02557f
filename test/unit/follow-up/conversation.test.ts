import { describe, expect, it } from 'vitest';
import { clientMessages, groupByThread } from '../../../src/domain/follow-up/conversation.js';
import { inbound, out, settings } from './fixture.js';

describe('client messages', () => {
  it('orders rows given out of order, and keeps the order of rows stamped alike', () => {
    const rows = [inbound('t2', '2025-07-03T10:00', { subject: 'late' }), out('t1', '2025-07-02T09:00', 'boss@acme.com', 'first'), out('t3', '2025-07-02T09:00', 'boss@acme.com', 'second')];
    expect(clientMessages(rows, settings()).map((m) => m.subject)).toEqual(['first', 'second', 'late']);
  });

  it('resolves each message to its client, with the instant parsed once', () => {
    const [m] = clientMessages([out('t1', '2025-07-02T09:00', 'Boss@ACME.com')], settings());
    expect(m).toMatchObject({ key: 'client:acme', ref: { id: 'acme', name: 'Acme', address: 'Boss@ACME.com' }, atMs: Date.parse(m!.at) });
  });

  it('gives implicit clients (external mode) one key per address, whatever the case', () => {
    const s = settings({ clientMode: 'external' });
    const rows = [inbound('t1', '2025-07-02T09:00', { from: 'Ann@other.org', clientId: null }), inbound('t2', '2025-07-02T10:00', { from: 'ann@other.org', clientId: null })];
    expect(clientMessages(rows, s).map((m) => m.key)).toEqual(['address:ann@other.org', 'address:ann@other.org']);
  });
});

describe('grouping by thread', () => {
  it('keeps groups in order of first appearance and tells accounts apart', () => {
    const a = out('t1', '2025-07-02T09:00');
    const b = { ...out('t1', '2025-07-02T10:00'), accountId: 'a2' };
    const c = inbound('t1', '2025-07-02T11:00');
    expect(groupByThread([a, b, c])).toEqual([[a, c], [b]]);
  });
});
