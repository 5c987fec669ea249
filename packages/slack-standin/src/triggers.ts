import { randomBytes } from 'node:crypto';

interface Trigger {
  userId: string;
  issuedAt: number;
  used: boolean;
}

export type TriggerCheck = { ok: true; userId?: string } | { ok: false; error: string };

/** Trigger ids as Slack hands them out: single use and short-lived (3 s unless configured otherwise). */
export class Triggers {
  private readonly issued = new Map<string, Trigger>();

  constructor(private readonly ttlMs: number) {}

  issue(userId: string): string {
    const digits = () => String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
    const id = `${digits()}.${digits()}.${randomBytes(16).toString('hex')}`;
    this.issued.set(id, { userId, issuedAt: Date.now(), used: false });
    return id;
  }

  /** Ids we never issued are accepted so tests can hand-craft them; ours follow Slack's rules. */
  exchange(id: string): TriggerCheck {
    const t = this.issued.get(id);
    if (!t) return { ok: true };
    if (t.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (Date.now() - t.issuedAt > this.ttlMs) return { ok: false, error: 'expired_trigger_id' };
    t.used = true;
    return { ok: true, userId: t.userId };
  }
}
