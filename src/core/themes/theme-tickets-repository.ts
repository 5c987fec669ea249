import type { TDb } from '../shared/db/client';
import type { ThemeTicket } from '../shared/db/generated/sqlite';

export type TThemeTicket = ThemeTicket;
export type { TTicketState } from './ticket-refs';

import type { TTicketState } from './ticket-refs';

export interface TNewThemeTicket {
  themeId: number;
  tracker: string;
  key: string;
  url: string;
  title?: string | null;
  linkedById: string;
  linkedAt: Date;
}

export async function findThemeTicket(db: TDb, themeId: number, key: string): Promise<TThemeTicket | null> {
  return db.themeTicket.findUnique({ where: { themeId_key: { themeId, key } } });
}

export async function insertThemeTicket(db: TDb, input: TNewThemeTicket): Promise<TThemeTicket> {
  return db.themeTicket.create({ data: { ...input, state: 'open' } });
}

export async function deleteThemeTicket(db: TDb, id: number): Promise<boolean> {
  const { count } = await db.themeTicket.deleteMany({ where: { id } });
  return count === 1;
}

/**
 * Every theme's link to the ticket a tracker told us about: by exact key, or (a Jira key without its site, as the
 * generic webhook may send it) by `<any site>/KEY-12`.
 */
export async function ticketsWithKey(db: TDb, key: string, alsoJiraSuffix: boolean): Promise<TThemeTicket[]> {
  return db.themeTicket.findMany({
    where: alsoJiraSuffix ? { OR: [{ key }, { tracker: 'jira', key: { endsWith: `/${key}` } }] } : { key },
    orderBy: { id: 'asc' },
  });
}

/**
 * Applies a state the tracker reported, unless what is stored is as new or newer (a repeat, or an older delivery
 * arriving late): false then. Compare-and-set on what was read, so two deliveries at once apply once.
 */
export async function setTicketState(
  db: TDb,
  ticket: Pick<TThemeTicket, 'id' | 'state' | 'stateChangedAt'>,
  update: { state: TTicketState; at: Date; title?: string | null },
): Promise<boolean> {
  const { count } = await db.themeTicket.updateMany({
    where: { id: ticket.id, state: ticket.state, stateChangedAt: ticket.stateChangedAt },
    data: {
      state: update.state,
      stateChangedAt: update.at,
      ...(update.title ? { title: update.title } : {}),
    },
  });
  return count === 1;
}

export async function setTicketTitle(db: TDb, id: number, title: string) {
  await db.themeTicket.updateMany({ where: { id }, data: { title } });
}

/** Open themes with tickets not all closed: "waiting on engineering", longest waiting first. */
export async function themesWaitingOnEngineering(db: TDb, limit = 20) {
  const themes = await db.theme.findMany({
    where: { status: 'open', tickets: { some: {} }, ticketsClosedAt: null },
    include: { tickets: { orderBy: { id: 'asc' } } },
    orderBy: { id: 'asc' },
    take: 500,
  });
  const since = (theme: (typeof themes)[number]) => Math.min(...theme.tickets.map((t) => t.linkedAt.getTime()));
  return themes.sort((a, b) => since(a) - since(b)).slice(0, limit);
}

/** Linked tickets not closed yet on open themes (the sandbox's "Close ticket" control offers them). */
export async function ticketsStillOpen(db: TDb, limit = 50) {
  return db.themeTicket.findMany({
    where: { state: { not: 'closed' }, theme: { status: 'open' } },
    orderBy: [{ themeId: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}

export async function findTicketById(db: TDb, id: number) {
  return db.themeTicket.findUnique({ where: { id } });
}
