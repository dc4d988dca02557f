import type { AccountHealth, DigestAccountRow } from './types.js';

/** Polling runs every few minutes; an hour without a sync means something is stuck. */
const SYNC_LAG_LIMIT_MINUTES = 60;

/** One line per account: the most serious problem first, so the reader fixes what matters. */
export function accountHealth(rows: DigestAccountRow[], nowMs: number): AccountHealth[] {
  return rows.map((a) => {
    const lag = a.lastSyncedAt ? Math.max(0, Math.round((nowMs - Date.parse(a.lastSyncedAt)) / 60_000)) : null;
    const base = { address: a.address, provider: a.provider, syncLagMinutes: lag };
    if (a.status === 'needs-reconnect') return { ...base, problem: 'needs-reconnect', detail: a.statusReason ?? 'Access was revoked or expired.' };
    if (a.failures.length > 0 || a.status === 'error') return { ...base, problem: 'job-failed', detail: a.failures[0] ?? a.statusReason };
    const lapsed = [a.watchExpiresAt, a.calendarWatchExpiresAt].some((at) => at !== null && Date.parse(at) < nowMs);
    if (lapsed) return { ...base, problem: 'watch-lapsed', detail: 'Push notifications lapsed; Boundary falls back to polling until the watch is renewed.' };
    if (lag !== null && lag > SYNC_LAG_LIMIT_MINUTES) return { ...base, problem: 'sync-lag', detail: null };
    if (!a.sending) return { ...base, problem: 'preview', detail: null };
    return { ...base, problem: null, detail: null };
  });
}

/** Problems that need the user; preview mode is their choice, not a fault. */
export const needsFixing = (a: AccountHealth) => a.problem !== null && a.problem !== 'preview';
