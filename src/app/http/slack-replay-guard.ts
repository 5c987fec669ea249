import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Slack's window for a request's timestamp, either way: older is a replay, newer a forged or skewed clock. */
export const SLACK_REQUEST_WINDOW_MS = 5 * 60_000;

export type TGuardVerdict =
  | { kind: 'pass' }
  | { kind: 'refuse'; status: 401; error: string }
  /** A correctly signed request already received: done once, so this copy is answered and dropped. */
  | { kind: 'replay' };

/**
 * Slack's signature covers the timestamp and the body, so a request copied off the wire can be sent again, byte for
 * byte, for as long as the timestamp is accepted. This remembers each correctly signed request's signature for the
 * window (in this process: a replay that reaches another replica is still checked against the current state by the
 * listener it reaches) and refuses timestamps outside the window in either direction; Bolt still verifies the
 * signature itself. A bad or missing signature is left for Bolt to refuse.
 */
export class SlackReplayGuard {
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  constructor(
    private readonly signingSecret: string,
    private readonly now: () => number = Date.now,
    private readonly capacity = 200_000,
  ) {}

  check(headers: IncomingHttpHeaders, raw: Buffer, isEvent: boolean): TGuardVerdict {
    const timestamp = String(headers['x-slack-request-timestamp'] ?? '');
    const signature = String(headers['x-slack-signature'] ?? '');
    if (!/^\d{1,12}$/.test(timestamp) || !signature.startsWith('v0=')) return { kind: 'pass' };
    const now = this.now();
    const skew = Number(timestamp) * 1000 - now;
    if (Math.abs(skew) > SLACK_REQUEST_WINDOW_MS) {
      return {
        kind: 'refuse',
        status: 401,
        error: `the request's timestamp is more than 5 minutes ${skew > 0 ? 'ahead of' : 'behind'} this server's clock`,
      };
    }
    if (!this.signedBySlack(timestamp, raw, signature)) return { kind: 'pass' };
    // Slack sends a failed event again with a retry number (and event ids are deduplicated downstream); commands and
    // interactions are never retried, so for them the signature alone names the request.
    const retry = isEvent ? String(headers['x-slack-retry-num'] ?? '') : '';
    const key = `${signature}|${retry}`;
    this.sweep(now);
    if ((this.seen.get(key) ?? 0) > now) return { kind: 'replay' };
    this.seen.set(key, Number(timestamp) * 1000 + SLACK_REQUEST_WINDOW_MS + 1000);
    return { kind: 'pass' };
  }

  private signedBySlack(timestamp: string, raw: Buffer, signature: string): boolean {
    const expected = `v0=${createHmac('sha256', this.signingSecret).update(`v0:${timestamp}:`).update(raw).digest('hex')}`;
    const a = Buffer.from(expected);
    const b = Buffer.from(signature);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Forgets expired signatures, at most once a second, and everything if a flood filled the map. */
  private sweep(now: number) {
    if (this.seen.size >= this.capacity) this.seen.clear();
    if (now < this.nextSweep) return;
    this.nextSweep = now + 1000;
    for (const [key, expiresAt] of this.seen) if (expiresAt <= now) this.seen.delete(key);
  }
}
