/**
 * A problem client or a client with a problem? Points for a pattern in how the client works with
 * the user (evenings, chasing, urgency that wasn't, their broken agreements and late payments),
 * and points for a real problem (urgency that was real, an urgent return after silence, the user's
 * own broken promises, which are often why a client chases). Two pattern points, more than the
 * problem points, make a problem client; any problem point otherwise makes a client with a problem.
 */
export interface VerdictFacts {
  messages: number;
  outside: number;
  afterHoursShare: number | null;
  chasers: number;
  chaserDaysOverLimit: number;
  urgent: number;
  turnedOutUrgent: number;
  urgentReturns: number;
  latePayments: number;
  brokenByClient: number;
  brokenByUser: number;
}

export type VerdictKind = 'problem-client' | 'client-with-a-problem' | 'fine';

export interface Verdict {
  kind: VerdictKind;
  pattern: number;
  problem: number;
  /** Stable codes of what counted, for the page and the digest's words. */
  because: string[];
}

/** At least this many messages outside hours over the twelve weeks, and most of them. */
const EVENINGS_MIN = 4;

export function verdictOf(f: VerdictFacts): Verdict {
  const because: string[] = [];
  let pattern = 0;
  let problem = 0;
  const add = (code: string, side: 'pattern' | 'problem', when: boolean) => {
    if (!when) return;
    because.push(code);
    if (side === 'pattern') pattern += 1;
    else problem += 1;
  };
  add('evenings', 'pattern', f.outside >= EVENINGS_MIN && (f.afterHoursShare ?? 0) >= 0.5);
  add('chasing', 'pattern', f.chaserDaysOverLimit > 0);
  add('false-urgency', 'pattern', f.urgent >= 2 && f.turnedOutUrgent * 2 < f.urgent);
  add('client-broke-agreements', 'pattern', f.brokenByClient - f.latePayments > 0);
  add('late-payments', 'pattern', f.latePayments > 0);
  add('real-urgency', 'problem', f.turnedOutUrgent > 0);
  add('urgent-return', 'problem', f.urgentReturns > 0);
  add('you-broke-agreements', 'problem', f.brokenByUser > 0);
  const kind: VerdictKind = pattern >= 2 && pattern > problem ? 'problem-client' : problem > 0 ? 'client-with-a-problem' : 'fine';
  return { kind, pattern, problem, because };
}
