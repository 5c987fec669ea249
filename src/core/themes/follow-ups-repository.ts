import type { TDb } from '../shared/db/client';

export interface TFollowUp {
  id: number;
  themeId: number;
  resolvedAt: Date;
  lastVerdict: string | null;
  lastCheckDays: number | null;
  customerIds: number[];
  checkedDays: string[];
}

const withParts = {
  customers: { select: { customerId: true }, orderBy: { customerId: 'asc' } },
  checks: { select: { days: true } },
} as const;

type TFollowUpRow = {
  id: number;
  themeId: number;
  resolvedAt: Date;
  lastVerdict: string | null;
  lastCheckDays: number | null;
  customers: { customerId: number }[];
  checks: { days: string }[];
};

const toFollowUp = (row: TFollowUpRow): TFollowUp => ({
  id: row.id,
  themeId: row.themeId,
  resolvedAt: row.resolvedAt,
  lastVerdict: row.lastVerdict,
  lastCheckDays: row.lastCheckDays,
  customerIds: row.customers.map((customer) => customer.customerId),
  checkedDays: row.checks.map((check) => check.days),
});

/** Starts following the accounts a resolution affected; one follow-up per resolution. */
export async function insertFollowUp(
  db: TDb,
  input: { themeId: number; resolvedAt: Date; customerIds: number[] },
): Promise<number> {
  const row = await db.themeFollowUp.create({ data: { themeId: input.themeId, resolvedAt: input.resolvedAt } });
  if (input.customerIds.length)
    await db.themeFollowUpCustomer.createMany({
      data: [...new Set(input.customerIds)].map((customerId) => ({ followUpId: row.id, customerId })),
    });
  return row.id;
}

/** The theme's latest resolution's follow-up (a theme resolved again starts a new one). */
export async function latestFollowUpOfTheme(db: TDb, themeId: number): Promise<TFollowUp | null> {
  const row = await db.themeFollowUp.findFirst({
    where: { themeId },
    orderBy: [{ resolvedAt: 'desc' }, { id: 'desc' }],
    include: withParts,
  });
  return row ? toFollowUp(row) : null;
}

export async function findFollowUp(db: TDb, id: number): Promise<TFollowUp | null> {
  const row = await db.themeFollowUp.findUnique({ where: { id }, include: withParts });
  return row ? toFollowUp(row) : null;
}

/**
 * Follow-ups of themes still resolved at that resolution, resolved at or before `resolvedBy` and with fewer than
 * `checks` checks done: the candidates for a scheduled check. A theme reopened since has moved on from its
 * follow-up (its resolvedAt differs or it is open), so its earlier follow-up is not checked again.
 */
export async function followUpsAwaitingChecks(
  db: TDb,
  resolvedBy: Date,
  checks: number,
  limit = 500,
): Promise<TFollowUp[]> {
  const rows = await db.themeFollowUp.findMany({
    where: { resolvedAt: { lte: resolvedBy }, theme: { status: 'resolved' } },
    include: { ...withParts, theme: { select: { resolvedAt: true } } },
    orderBy: { resolvedAt: 'desc' },
    take: limit,
  });
  return rows
    .filter((row) => row.theme.resolvedAt?.getTime() === row.resolvedAt.getTime() && row.checks.length < checks)
    .map(toFollowUp);
}

/** Records a check done and shows its verdict on the theme card from now on; a second writer hits the key. */
export async function recordOutcomeCheck(
  db: TDb,
  input: { followUpId: number; days: string; dueAt: Date; verdict: string; checkedAt: Date; daysValue: number },
) {
  await db.themeOutcomeCheck.create({
    data: {
      followUpId: input.followUpId,
      days: input.days,
      dueAt: input.dueAt,
      verdict: input.verdict,
      checkedAt: input.checkedAt,
    },
  });
  await db.themeFollowUp.updateMany({
    where: { id: input.followUpId, OR: [{ lastCheckDays: null }, { lastCheckDays: { lte: input.daysValue } }] },
    data: { lastVerdict: input.verdict, lastCheckDays: input.daysValue },
  });
}

/** Checks that fell due in [from, to), with their theme: the weekly report's "Fixes, N days on". */
export async function outcomeChecksDueBetween(db: TDb, days: string, from: Date, to: Date, limit = 50) {
  return db.themeOutcomeCheck.findMany({
    where: { days, dueAt: { gte: from, lt: to } },
    include: { followUp: { include: { ...withParts, theme: { select: { id: true, title: true } } } } },
    orderBy: { dueAt: 'asc' },
    take: limit,
  });
}
