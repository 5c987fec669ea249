import type { TDb } from '../shared/db/client';

export interface TReminderCandidate {
  id: number;
  severity: string;
  createdAt: Date;
  remindersSent: number;
}

/** Unclaimed escalations of a severity flagged at or before `flaggedBy`, i.e. past at least one limit. */
export async function unclaimedFlaggedBy(db: TDb, severity: string, flaggedBy: Date): Promise<TReminderCandidate[]> {
  return db.escalation.findMany({
    where: { status: 'open', severity, createdAt: { lte: flaggedBy } },
    select: { id: true, severity: true, createdAt: true, remindersSent: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

/**
 * Moves the reminder count from `from` to `to` if it is still `from` and the escalation is still unclaimed, so a
 * concurrent tick or claim makes this one a no-op (false).
 */
export async function recordReminder(db: TDb, id: number, from: number, to: number, now: Date): Promise<boolean> {
  const { count } = await db.escalation.updateMany({
    where: { id, status: 'open', remindersSent: from },
    data: { remindersSent: to, updatedAt: now },
  });
  return count === 1;
}
