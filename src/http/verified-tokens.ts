/**
 * Remembers push tokens that already passed signature verification, until they expire. Pub/Sub
 * reuses one OIDC token for many pushes, and verifying RS256 on every request is most of a push's
 * cost. Only exact token strings that verified are remembered, so a forged token is still checked.
 */
export class VerifiedTokens {
  private readonly seen = new Map<string, number>();

  constructor(private readonly max = 1_000) {}

  has(token: string, nowMs: number): boolean {
    const exp = this.seen.get(token);
    if (exp === undefined) return false;
    if (exp > nowMs) return true;
    this.seen.delete(token);
    return false;
  }

  add(token: string, nowMs: number): void {
    const exp = expiryOf(token);
    if (exp === null || exp <= nowMs) return;
    if (this.seen.size >= this.max) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(token, exp);
  }
}

function expiryOf(jwt: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}
