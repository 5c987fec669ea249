import type { TDb } from './db/client';
import { isUniqueViolation } from './db/database-errors';

/** Takes the named lease until `now + ttlMs` if it is free or expired; true when this holder has it. */
export async function acquireJobLease(
  db: TDb,
  name: string,
  holder: string,
  now: Date,
  ttlMs: number,
): Promise<boolean> {
  const leaseUntil = new Date(now.getTime() + ttlMs);
  const { count } = await db.jobLease.updateMany({
    where: { name, OR: [{ leaseUntil: { lt: now } }, { holder }] },
    data: { holder, leaseUntil },
  });
  if (count === 1) return true;
  try {
    await db.jobLease.create({ data: { name, holder, leaseUntil } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Expires the lease at once (epoch), whatever clock the holder runs on. */
export async function releaseJobLease(db: TDb, name: string, holder: string) {
  await db.jobLease.updateMany({ where: { name, holder }, data: { leaseUntil: new Date(0) } });
}

/** Runs `work` only if this holder gets the lease; returns null when another replica holds it. */
export async function withJobLease<T>(
  db: TDb,
  options: { name: string; holder: string; now: Date; ttlMs: number },
  work: () => Promise<T>,
): Promise<T | null> {
  if (!(await acquireJobLease(db, options.name, options.holder, options.now, options.ttlMs))) return null;
  try {
    return await work();
  } finally {
    await releaseJobLease(db, options.name, options.holder);
  }
}
