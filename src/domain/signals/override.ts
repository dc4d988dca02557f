import type { Signal } from './types.js';

export interface SignalOverride {
  action: 'notify-only';
  /** The reason code the decision should carry, so the change is never silent. */
  code: 'abusive';
  message: string;
}

/**
 * The one way a signal may change a reply decision: an abusive message never gets the polite
 * auto-reply (issue 18); the user is told instead. Pure, so the decision pipeline can wire it in
 * after decideMessage; every other signal only informs.
 */
export function signalOverride(action: 'auto-reply' | 'notify-only' | 'none', signals: readonly Signal[]): SignalOverride | null {
  if (action !== 'auto-reply') return null;
  const abuse = signals.find((s) => s.code === 'abusive');
  return abuse ? { action: 'notify-only', code: 'abusive', message: `No polite auto-reply to abusive wording ("${abuse.evidence}"): you are notified instead` } : null;
}
