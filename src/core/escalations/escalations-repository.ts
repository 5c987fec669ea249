import type { TDb } from '../shared/db/client';
import type { Customer, Escalation, EscalationTag, Theme } from '../shared/db/generated/sqlite';
import { modelShape } from '../shared/db/model-rows';
import { readInt, readString, readStringOrNull, type TSqlQueryable } from '../shared/db/sql';
import { OPEN_STATUSES } from './escalation-vocabulary';

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

/** Everything not resolved, most severe first, then oldest. */
export async function listOpenEscalations(db: TDb, limit = 500): Promise<TEscalation[]> {
  const rows = await db.escalation.findMany({
    where: { status: { in: OPEN_STATUSES } },
    include: withRelations,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
  return rows;
}

export async function countOpenEscalations(db: TDb): Promise<number> {
  return db.escalation.count({ where: { status: { in: OPEN_STATUSES } } });
}

// The App Home's reads: the viewer's own lists, the unclaimed queue and this week's counts.

/** What an agent flagged: open ones first (what they wait for), then the most recently resolved; at most `limit`. */
export async function flaggedByReporter(db: TDb, reporterId: string, limit: number): Promise<TEscalation[]> {
  const [open, resolved] = await Promise.all([
    db.escalation.findMany({
      where: { reporterId, status: { in: OPEN_STATUSES } },
      include: withRelations,
      orderBy: [{ createdAt: 'desc' }],
      take: limit,
    }),
    db.escalation.findMany({
      where: { reporterId, status: 'resolved' },
      include: withRelations,
      orderBy: [{ resolvedAt: 'desc' }],
      take: limit,
    }),
  ]);
  return [...open, ...resolved].slice(0, limit);
}

export function countFlaggedByReporter(db: TDb, reporterId: string): Promise<number> {
  return db.escalation.count({ where: { reporterId } });
}

export function countFlaggedBetween(db: TDb, from: Date, to: Date): Promise<number> {
  return db.escalation.count({ where: { createdAt: { gte: from, lt: to } } });
}

/** An advocate's claimed escalations, oldest first; at most `limit`. */
export function claimedByOwner(db: TDb, ownerId: string, limit: number): Promise<TEscalation[]> {
  return db.escalation.findMany({
    where: { ownerId, status: 'claimed' },
    include: withRelations,
    orderBy: [{ createdAt: 'asc' }],
    take: limit,
  });
}

export function countClaimedByOwner(db: TDb, ownerId: string): Promise<number> {
  return db.escalation.count({ where: { ownerId, status: 'claimed' } });
}

/**
 * The oldest `limit` unclaimed escalations of each severity (the queue is ordered by severity, a word, then age: the
 * caller merges these bounded lists).
 */
export async function unclaimedOfEachSeverity(
  db: TDb,
  severities: readonly string[],
  limit: number,
): Promise<TEscalation[]> {
  const lists = await Promise.all(
    severities.map((severity) =>
      db.escalation.findMany({
        where: { status: 'open', severity },
        include: withRelations,
        orderBy: [{ createdAt: 'asc' }],
        take: limit,
      }),
    ),
  );
  return lists.flat();
}

export function countUnclaimed(db: TDb): Promise<number> {
  return db.escalation.count({ where: { status: 'open' } });
}

export async function recordCardPostFailure(db: TDb, id: number, error: string, permanent: boolean) {
  await db.escalation.updateMany({
    where: { id },
    data: { postState: permanent ? 'failed' : 'pending', lastPostError: error },
  });
}

// Prepared SQL where a benchmark shows Prisma's query compiler costs (src/core/shared/db/sql.ts says why): the reads
// and writes of a flag, a reaction and a card post. Columns and row readers come from the schema (model-rows.ts).

const ESCALATION = modelShape<Escalation>('Escalation');
const THEME = modelShape<Theme>('Theme');
const CUSTOMER = modelShape<Customer>('Customer');
export const ESCALATION_COLUMNS = ESCALATION.columns();
const WITH_RELATIONS = `SELECT ${ESCALATION.columns('e')},${CUSTOMER.columns('c')},${THEME.columns('t')}
  FROM "Escalation" e LEFT JOIN "Customer" c ON c."id" = e."customerId" LEFT JOIN "Theme" t ON t."id" = e."themeId"`;

async function findOneWithRelations(q: TSqlQueryable, where: string, args: (string | number)[]) {
  const [row] = await q.all(`${WITH_RELATIONS} WHERE ${where}`, args);
  if (!row) return null;
  const escalation = ESCALATION.fromRow(row, 'e_');
  const tags = await q.all('SELECT "tag" FROM "EscalationTag" WHERE "escalationId" = ? ORDER BY "tag"', [
    escalation.id,
  ]);
  return {
    ...escalation,
    tags: tags.map((tag) => ({ escalationId: escalation.id, tag: readString(tag.tag) })),
    customer: row.c_id === null || row.c_id === undefined ? null : CUSTOMER.fromRow(row, 'c_'),
    theme: row.t_id === null || row.t_id === undefined ? null : THEME.fromRow(row, 't_'),
  };
}

/** An escalation with its tags, customer and theme: one joined read and one for its tags. */
export const findEscalation = (q: TSqlQueryable, id: number): Promise<TEscalation | null> =>
  findOneWithRelations(q, 'e."id" = ?', [id]);

/** The escalation a card shows, for every reaction Slack sends. */
export const findEscalationByCard = (q: TSqlQueryable, channelId: string, ts: string) =>
  findOneWithRelations(q, 'e."cardChannelId" = ? AND e."cardTs" = ?', [channelId, ts]);

/** The columns and values that store a new escalation, shared by the plain insert and PostgreSQL's one-statement flag. */
export const NEW_ESCALATION_COLUMNS =
  '"reporterId","sourceChannelId","sourceMessageTs","sourceLink","summary","severity","customerId","createdAt","updatedAt"';
export const newEscalationValues = (input: TNewEscalation) => [
  input.reporterId,
  input.sourceChannelId,
  input.sourceMessageTs ?? null,
  input.sourceLink ?? null,
  input.summary,
  input.severity,
  input.customerId ?? null,
  input.createdAt,
  input.createdAt,
];

/** A just-inserted escalation with the relations its writer already holds (a new escalation has no theme). */
export const asNewEscalation = (row: Record<string, unknown>, tags: string[], customer: Customer | null) => {
  const escalation = ESCALATION.fromRow(row);
  return {
    ...escalation,
    tags: tags.map((tag) => ({ escalationId: escalation.id, tag })),
    customer,
    theme: null,
  } satisfies TEscalation;
};

/** Inserts a new escalation: the row comes back from the insert itself, its tags in one statement. */
export async function insertEscalation(
  q: TSqlQueryable,
  input: TNewEscalation,
  customer: Customer | null,
): Promise<TEscalation> {
  const [row] = await q.all(
    `INSERT INTO "Escalation" (${NEW_ESCALATION_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?) RETURNING ${ESCALATION_COLUMNS}`,
    newEscalationValues(input),
  );
  const escalation = asNewEscalation(row!, input.tags, customer);
  if (input.tags.length) {
    await q.run(
      `INSERT INTO "EscalationTag" ("escalationId","tag") VALUES ${input.tags.map(() => '(?,?)').join(',')}`,
      input.tags.flatMap((tag) => [escalation.id, tag]),
    );
  }
  return escalation;
}

/** Where a card stands and which version of the escalation it would show. */
export async function readCardState(q: TSqlQueryable, id: number) {
  const [row] = await q.all(
    'SELECT "version","postState","cardChannelId","cardTs","lastPostError" FROM "Escalation" WHERE "id" = ?',
    [id],
  );
  if (!row) return null;
  return {
    version: readInt(row.version),
    postState: readString(row.postState),
    cardChannelId: readStringOrNull(row.cardChannelId),
    cardTs: readStringOrNull(row.cardTs),
    lastPostError: readStringOrNull(row.lastPostError),
  };
}

export async function recordCardPosted(q: TSqlQueryable, id: number, channelId: string, ts: string) {
  await q.run(
    `UPDATE "Escalation" SET "cardChannelId" = ?, "cardTs" = ?, "postState" = 'posted', "lastPostError" = NULL WHERE "id" = ?`,
    [channelId, ts, id],
  );
}

/** Escalation columns a lifecycle change may set. */
const CHANGEABLE_FIELDS = [
  'status',
  'severity',
  'ownerId',
  'claimedAt',
  'resolvedAt',
  'claimWaitSeconds',
  'resolveWaitSeconds',
  'waitingOn',
  'waitingSince',
  'resolvePausedSeconds',
  'updatedAt',
] as const;
type TChangeableField = (typeof CHANGEABLE_FIELDS)[number];
const CHANGEABLE = new Set<string>(CHANGEABLE_FIELDS);

/**
 * Applies a change only if nobody changed the row since `version` was read; false when someone did, so the caller
 * re-reads and decides again instead of overwriting a concurrent change.
 */
export async function updateEscalationIfVersion(
  q: TSqlQueryable,
  id: number,
  version: number,
  changes: Partial<Pick<Escalation, TChangeableField>>,
): Promise<boolean> {
  const fields = Object.keys(changes).filter((field) => CHANGEABLE.has(field)) as TChangeableField[];
  const assignments = [...fields.map((field) => `"${field}" = ?`), '"version" = ?'];
  const values = fields.map((field) => (changes[field] ?? null) as string | number | Date | null);
  const changed = await q.run(`UPDATE "Escalation" SET ${assignments.join(', ')} WHERE "id" = ? AND "version" = ?`, [
    ...values,
    version + 1,
    id,
    version,
  ]);
  return changed === 1;
}

/**
 * Escalations flagged in [from, to] that name one of `customerIds` or carry one of `tags`, with their customer's name
 * and tags: what a resolved theme's follow-up looks for as a possible regression.
 */
export async function escalationsFlaggedSharing(
  db: TDb,
  options: { customerIds: number[]; tags: string[]; from: Date; to: Date; limit?: number },
) {
  const either = [
    ...(options.customerIds.length ? [{ customerId: { in: options.customerIds.slice(0, 900) } }] : []),
    ...(options.tags.length ? [{ tags: { some: { tag: { in: options.tags.slice(0, 90) } } } }] : []),
  ];
  if (either.length === 0) return [];
  return db.escalation.findMany({
    where: { createdAt: { gte: options.from, lte: options.to }, OR: either },
    select: {
      id: true,
      customerId: true,
      themeId: true,
      createdAt: true,
      customer: { select: { name: true } },
      tags: { select: { tag: true } },
    },
    orderBy: { id: 'asc' },
    take: options.limit ?? 500,
  });
}
