import type { TDb } from '../client';
import type { Customer, Escalation, EscalationTag, Theme } from '../generated/sqlite';

export type TEscalationRow = Escalation;
export type TEscalation = Escalation & { tags: EscalationTag[]; customer: Customer | null; theme: Theme | null };

const withRelations = { tags: true, customer: true, theme: true } as const;

export interface TNewEscalation {
  reporterId: string;
  sourceChannelId: string;
  sourceMessageTs?: string;
  sourceLink?: string;
  summary: string;
  severity: string;
  tags: string[];
  customerId?: number;
  createdAt: Date;
}

/** Inserts without reading back its relations: the caller already holds them (a new escalation has no theme). */
export async function insertEscalation(
  db: TDb,
  input: TNewEscalation,
  customer: Customer | null,
): Promise<TEscalation> {
  const { tags, ...fields } = input;
  const row = await db.escalation.create({ data: { ...fields, updatedAt: fields.createdAt } });
  if (tags.length) await db.escalationTag.createMany({ data: tags.map((tag) => ({ escalationId: row.id, tag })) });
  return { ...row, tags: tags.map((tag) => ({ escalationId: row.id, tag })), customer, theme: null };
}

export async function findEscalation(db: TDb, id: number): Promise<TEscalation | null> {
  return db.escalation.findUnique({ where: { id }, include: withRelations });
}

export async function findEscalationByCard(db: TDb, channelId: string, ts: string): Promise<TEscalation | null> {
  return db.escalation.findUnique({
    where: { cardChannelId_cardTs: { cardChannelId: channelId, cardTs: ts } },
    include: withRelations,
  });
}

/** Everything not resolved, most severe first, then oldest. */
export async function listOpenEscalations(db: TDb, limit = 500): Promise<TEscalation[]> {
  const rows = await db.escalation.findMany({
    where: { status: { not: 'resolved' } },
    include: withRelations,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
  return rows;
}

export async function countOpenEscalations(db: TDb): Promise<number> {
  return db.escalation.count({ where: { status: { not: 'resolved' } } });
}

/**
 * Applies a change only if nobody changed the row since `version` was read; returns false when someone did,
 * so the caller re-reads and decides again instead of overwriting a concurrent change.
 */
export async function updateEscalationIfVersion(
  db: TDb,
  id: number,
  version: number,
  data: Partial<Omit<Escalation, 'id' | 'version'>>,
): Promise<boolean> {
  const { count } = await db.escalation.updateMany({ where: { id, version }, data: { ...data, version: version + 1 } });
  return count === 1;
}

export async function recordCardPosted(db: TDb, id: number, channelId: string, ts: string) {
  await db.escalation.updateMany({
    where: { id },
    data: { cardChannelId: channelId, cardTs: ts, postState: 'posted', lastPostError: null },
  });
}

export async function recordCardPostFailure(db: TDb, id: number, error: string, permanent: boolean) {
  await db.escalation.updateMany({
    where: { id },
    data: { postState: permanent ? 'failed' : 'pending', lastPostError: error },
  });
}

/** Where an escalation's card stands, without loading the escalation's relations. */
export async function findCardState(db: TDb, id: number) {
  return db.escalation.findUnique({
    where: { id },
    select: { postState: true, cardChannelId: true, cardTs: true, lastPostError: true },
  });
}
