import type { TDomainDeps } from '../shared/deps';
import { outboxKey } from '../shared/outbox/outbox-keys';
import type { TSlaReminder } from '../shared/outbox/outbox-messages';
import { formatDuration } from '../shared/time/durations';
import { addTimelineEntry } from '../shared/timeline-repository';
import { runUnitOfWork } from '../shared/unit-of-work';
import { SEVERITIES, type TSeverity } from './escalation-vocabulary';
import { recordReminder, unclaimedFlaggedBy } from './escalations-repository-reminders';

export interface TSendRemindersOptions {
  now: Date;
  /** The SLA limit per severity, in hours (config.slaHours). */
  slaHours: Record<TSeverity, number>;
  /** Who the reminder calls on: the advocates' user group, or @here in the advocate channel. */
  mention: string;
  /** Work out what is due, record and send nothing. */
  dryRun?: boolean;
}

export interface TReminder {
  escalationId: number;
  /** How many limits have passed: 1 at 1× the limit, 2 at 2×, … */
  breaches: number;
  /** What the card's thread is told (slack/escalations/escalation-notes.ts words it). */
  reminder: TSlaReminder;
}

/** How many whole limits an unclaimed escalation of this age has passed. */
export const breachesAt = (ageMs: number, limitMs: number) => Math.floor(ageMs / limitMs);

/**
 * Reminds the advocates, in the card's thread, of each unclaimed escalation that has passed another multiple of its
 * severity's limit. The count of limits reminded about is stored with the escalation, so a tick reminds once per
 * limit passed, never once per tick; after a pause (the app was down) only the latest is sent, not a burst.
 */
export async function sendDueReminders(deps: TDomainDeps, options: TSendRemindersOptions): Promise<TReminder[]> {
  const { now } = options;
  const sent: TReminder[] = [];
  for (const severity of [...SEVERITIES].reverse()) {
    const limitMs = options.slaHours[severity] * 3_600_000;
    const candidates = await unclaimedFlaggedBy(deps.db.prisma, severity, new Date(now.getTime() - limitMs));
    for (const candidate of candidates) {
      const ageMs = now.getTime() - candidate.createdAt.getTime();
      const breaches = breachesAt(ageMs, limitMs);
      if (breaches <= candidate.remindersSent) continue;
      const due: TReminder = {
        escalationId: candidate.id,
        breaches,
        reminder: { severity, ageMs, limitMs, breaches, mention: options.mention },
      };
      if (options.dryRun) {
        sent.push(due);
        continue;
      }
      const reminded = await runUnitOfWork(deps, {}, async ({ tx, q, queue }) => {
        // Another replica's sweep reminded it first: it is told once.
        if (!(await recordReminder(tx, candidate.id, candidate.remindersSent, breaches, now))) return false;
        await addTimelineEntry(q, {
          escalationId: candidate.id,
          actorId: 'Advocate',
          action: 'reminded',
          fromValue: String(candidate.remindersSent),
          toValue: String(breaches),
          via: 'system',
          detail: `unclaimed ${formatDuration(ageMs)}; ${severity} limit ${formatDuration(limitMs)}`,
          at: now,
        });
        queue([
          {
            dedupeKey: outboxKey.slaReminder(candidate.id, breaches),
            message: { kind: 'escalation.reminder', escalationId: candidate.id, reminder: due.reminder },
          },
        ]);
        return true;
      });
      if (!reminded) continue;
      sent.push(due);
    }
  }
  return sent;
}
