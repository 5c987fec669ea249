import { OPEN_STATUSES } from '../escalations/escalation-vocabulary';
import type { TDb } from '../shared/db/client';
import type { Customer, Escalation, EscalationTag, Theme, ThemeTicket } from '../shared/db/generated/sqlite';

export type TThemeRow = Theme;
export type TThemeEscalation = Escalation & { customer: Customer | null; tags: EscalationTag[] };
/** The latest resolution's follow-up, with the verdict of its latest outcome check. */
export type TThemeFollowUpVerdict = { resolvedAt: Date; lastVerdict: string | null; lastCheckDays: number | null };
/**
 * `tickets` and `followUps` (the latest one) are always read with a theme; optional so that a theme built by hand
 * (tests) may leave them out.
 */
export type TTheme = Theme & {
  escalations: TThemeEscalation[];
  tickets?: ThemeTicket[];
  followUps?: TThemeFollowUpVerdict[];
};

const withEscalations = {
  escalations: { include: { customer: true, tags: true }, orderBy: { id: 'asc' } },
  tickets: { orderBy: { id: 'asc' } },
  followUps: {
    select: { resolvedAt: true, lastVerdict: true, lastCheckDays: true },
    orderBy: { id: 'desc' },
    take: 1,
  },
} as const;

export interface TNewTheme {
  title: string;
  ownerId: string;
  createdById: string;
  createdAt: Date;
}

export async function insertTheme(db: TDb, input: TNewTheme): Promise<TThemeRow> {
  return db.theme.create({ data: { ...input, updatedAt: input.createdAt } });
}

export async function findTheme(db: TDb, id: number): Promise<TTheme | null> {
  return db.theme.findUnique({ where: { id }, include: withEscalations });
}

/** The escalations named that exist, with the theme each is in now. */
export async function findEscalationsForLinking(db: TDb, ids: number[]) {
  return db.escalation.findMany({
    where: { id: { in: ids } },
    select: { id: true, themeId: true, status: true, customerId: true },
    orderBy: { id: 'asc' },
  });
}

export async function findEscalationsWithCustomers(db: TDb, ids: number[]) {
  return db.escalation.findMany({ where: { id: { in: ids } }, include: { customer: true }, orderBy: { id: 'asc' } });
}

/**
 * Moves one escalation into `themeId`, but only if it is still where the caller saw it; false means someone
 * linked it elsewhere meanwhile, so the caller starts over rather than silently overwriting their choice.
 */
export async function setEscalationTheme(
  db: TDb,
  escalationId: number,
  expectedThemeId: number | null,
  themeId: number,
  now: Date,
): Promise<boolean> {
  const { count } = await db.escalation.updateMany({
    where: { id: escalationId, themeId: expectedThemeId },
    data: { themeId, updatedAt: now },
  });
  return count === 1;
}

export async function touchTheme(db: TDb, id: number, now: Date) {
  await db.theme.update({ where: { id }, data: { updatedAt: now } });
}

/**
 * Writes to an open theme's row first thing in a transaction, so that a concurrent resolution waits for this link
 * (and then sees it) or this link waits for the resolution (and then sees the theme resolved). False: not open.
 */
export async function lockOpenTheme(db: TDb, id: number, now: Date): Promise<boolean> {
  const { count } = await db.theme.updateMany({ where: { id, status: 'open' }, data: { updatedAt: now } });
  return count === 1;
}

/** Marks an open theme resolved; false when it was already resolved (a second press, or two advocates at once). */
export async function markThemeResolved(
  db: TDb,
  id: number,
  fields: { note: string; resolvedById: string; resolvedAt: Date },
): Promise<boolean> {
  const { count } = await db.theme.updateMany({
    where: { id, status: 'open' },
    data: {
      status: 'resolved',
      resolutionNote: fields.note,
      resolvedById: fields.resolvedById,
      resolvedAt: fields.resolvedAt,
      updatedAt: fields.resolvedAt,
    },
  });
  return count === 1;
}

export async function recordThemeCardPosted(db: TDb, id: number, channelId: string, ts: string) {
  await db.theme.update({ where: { id }, data: { cardChannelId: channelId, cardTs: ts, postState: 'posted' } });
}

export async function recordThemeCardPostFailure(db: TDb, id: number, permanent: boolean) {
  await db.theme.updateMany({
    where: { id, cardTs: null },
    data: { postState: permanent ? 'failed' : 'pending' },
  });
}

export async function listOpenThemes(db: TDb, limit = 200): Promise<TTheme[]> {
  return db.theme.findMany({
    where: { status: 'open' },
    include: withEscalations,
    orderBy: { id: 'asc' },
    take: limit,
  });
}

/** Themes resolved between `from` and `until`, with their escalations and customers, oldest resolution first. */
export async function themesResolvedBetween(db: TDb, from: Date, until: Date, limit = 100): Promise<TTheme[]> {
  return db.theme.findMany({
    where: { status: 'resolved', resolvedAt: { gte: from, lt: until } },
    include: withEscalations,
    orderBy: [{ resolvedAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}

/** Open escalations with a customer, flagged in [since, until], that no theme covers: what theme suggestions read. */
const unthemedOpen = (since: Date, until: Date) => ({
  status: { in: OPEN_STATUSES },
  themeId: null,
  createdAt: { gte: since, lte: until },
  customerId: { not: null },
});

/**
 * The #tags on at least `minEscalations` unthemed open escalations of the window, counted by the database: a tag
 * on fewer cannot have that many customers, so only the others' escalations need reading.
 */
export async function tagsOnUnthemedOpenEscalations(
  db: TDb,
  window: { since: Date; until: Date },
  minEscalations: number,
): Promise<string[]> {
  const groups = await db.escalationTag.groupBy({
    by: ['tag'],
    where: { escalation: unthemedOpen(window.since, window.until) },
    _count: { _all: true },
    having: { tag: { _count: { gte: minEscalations } } },
  });
  return groups.map((group) => group.tag);
}

/** Tags named in one statement: each is a bound value, and Prisma allows 999 per SQLite statement. */
const TAGS_PER_QUERY = 500;

/**
 * The unthemed open escalations of the window that carry one of `tags`, oldest first, with only those tags and
 * what the suggestion rule reads of the customer. Past TAGS_PER_QUERY tags, every tagged one (the rule ignores
 * the rest).
 */
export async function unthemedOpenEscalationsTagged(
  db: TDb,
  window: { since: Date; until: Date },
  tags: string[],
  limit = 2000,
) {
  if (tags.length === 0) return [];
  const tagged = tags.length <= TAGS_PER_QUERY ? { tag: { in: tags } } : {};
  return db.escalation.findMany({
    where: { ...unthemedOpen(window.since, window.until), tags: { some: tagged } },
    select: {
      id: true,
      status: true,
      themeId: true,
      createdAt: true,
      customer: { select: { id: true, name: true, mergedIntoId: true } },
      tags: { where: tagged, select: { tag: true } },
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}

/** Marks an open theme's "all tickets closed" episode; false when it was marked already (another delivery). */
export async function markThemeTicketsClosed(db: TDb, themeId: number, now: Date, episode: number): Promise<boolean> {
  const { count } = await db.theme.updateMany({
    where: { id: themeId, status: 'open', ticketsClosedAt: null, ticketEpisode: episode - 1 },
    data: { ticketsClosedAt: now, ticketEpisode: episode, fixReopenedAt: null, updatedAt: now },
  });
  return count === 1;
}

/** Ends an "all tickets closed" episode; `reopened` marks the card "fix reopened". False: no episode was open. */
export async function clearThemeTicketsClosed(db: TDb, themeId: number, now: Date, reopened: boolean) {
  const { count } = await db.theme.updateMany({
    where: { id: themeId, ticketsClosedAt: { not: null } },
    data: { ticketsClosedAt: null, ...(reopened ? { fixReopenedAt: now } : {}), updatedAt: now },
  });
  return count === 1;
}
