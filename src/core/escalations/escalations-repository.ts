import { CUSTOMER_FIELDS, customerFromRow } from '../customers/customers-repository';
import type { TDb } from '../shared/db/client';
import type { Customer, Escalation, EscalationTag, Theme } from '../shared/db/generated/sqlite';
import {
  readDate,
  readDateOrNull,
  readInt,
  readIntOrNull,
  readString,
  readStringOrNull,
  type TSqlQueryable,
} from '../shared/db/sql';
import { OPEN_STATUSES } from './escalation-vocabulary';

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

export async function findEscalation(db: TDb, id: number): Promise<TEscalation | null> {
  return db.escalation.findUnique({ where: { id }, include: withRelations });
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

// Prepared SQL for the hot paths (a flag, a reaction, a card post): the same reads and writes as above, without
// Prisma's query compiler (src/core/shared/db/sql.ts says why).

const ESCALATION_FIELDS = [
  'id',
  'reporterId',
  'sourceChannelId',
  'sourceMessageTs',
  'sourceLink',
  'summary',
  'severity',
  'status',
  'customerId',
  'ownerId',
  'claimedAt',
  'resolvedAt',
  'claimWaitSeconds',
  'resolveWaitSeconds',
  'themeId',
  'cardChannelId',
  'cardTs',
  'postState',
  'lastPostError',
  'remindersSent',
  'version',
  'createdAt',
  'updatedAt',
] as const;
const THEME_FIELDS = [
  'id',
  'title',
  'ownerId',
  'createdById',
  'status',
  'resolutionNote',
  'resolvedById',
  'resolvedAt',
  'cardChannelId',
  'cardTs',
  'postState',
  'ticketsClosedAt',
  'ticketEpisode',
  'fixReopenedAt',
  'createdAt',
  'updatedAt',
] as const;
export const ESCALATION_COLUMNS = ESCALATION_FIELDS.map((field) => `"${field}"`).join(',');
const joinedColumns = (alias: string, fields: readonly string[]) =>
  fields.map((field) => `${alias}."${field}" AS "${alias}_${field}"`).join(',');
const WITH_RELATIONS = `SELECT ${joinedColumns('e', ESCALATION_FIELDS)},${joinedColumns('c', CUSTOMER_FIELDS)},${joinedColumns('t', THEME_FIELDS)}
  FROM "Escalation" e LEFT JOIN "Customer" c ON c."id" = e."customerId" LEFT JOIN "Theme" t ON t."id" = e."themeId"`;

export function escalationFromRow(row: Record<string, unknown>, prefix = ''): TEscalationRow {
  const at = (field: string) => row[prefix + field];
  return {
    id: readInt(at('id')),
    reporterId: readString(at('reporterId')),
    sourceChannelId: readString(at('sourceChannelId')),
    sourceMessageTs: readStringOrNull(at('sourceMessageTs')),
    sourceLink: readStringOrNull(at('sourceLink')),
    summary: readString(at('summary')),
    severity: readString(at('severity')),
    status: readString(at('status')),
    customerId: readIntOrNull(at('customerId')),
    ownerId: readStringOrNull(at('ownerId')),
    claimedAt: readDateOrNull(at('claimedAt')),
    resolvedAt: readDateOrNull(at('resolvedAt')),
    claimWaitSeconds: readIntOrNull(at('claimWaitSeconds')),
    resolveWaitSeconds: readIntOrNull(at('resolveWaitSeconds')),
    themeId: readIntOrNull(at('themeId')),
    cardChannelId: readStringOrNull(at('cardChannelId')),
    cardTs: readStringOrNull(at('cardTs')),
    postState: readString(at('postState')),
    lastPostError: readStringOrNull(at('lastPostError')),
    remindersSent: readInt(at('remindersSent')),
    version: readInt(at('version')),
    createdAt: readDate(at('createdAt')),
    updatedAt: readDate(at('updatedAt')),
  };
}

function joinedTheme(row: Record<string, unknown>): Theme | null {
  if (row.t_id === null || row.t_id === undefined) return null;
  return {
    id: readInt(row.t_id),
    title: readString(row.t_title),
    ownerId: readStringOrNull(row.t_ownerId),
    createdById: readString(row.t_createdById),
    status: readString(row.t_status),
    resolutionNote: readStringOrNull(row.t_resolutionNote),
    resolvedById: readStringOrNull(row.t_resolvedById),
    resolvedAt: readDateOrNull(row.t_resolvedAt),
    cardChannelId: readStringOrNull(row.t_cardChannelId),
    cardTs: readStringOrNull(row.t_cardTs),
    postState: readString(row.t_postState),
    ticketsClosedAt: readDateOrNull(row.t_ticketsClosedAt),
    ticketEpisode: readInt(row.t_ticketEpisode),
    fixReopenedAt: readDateOrNull(row.t_fixReopenedAt),
    createdAt: readDate(row.t_createdAt),
    updatedAt: readDate(row.t_updatedAt),
  };
}

async function withRelationsPrepared(q: TSqlQueryable, where: string, args: (string | number)[]) {
  const [row] = await q.all(`${WITH_RELATIONS} WHERE ${where}`, args);
  if (!row) return null;
  const escalation = escalationFromRow(row, 'e_');
  const tags = await q.all('SELECT "tag" FROM "EscalationTag" WHERE "escalationId" = ? ORDER BY "tag"', [
    escalation.id,
  ]);
  return {
    ...escalation,
    tags: tags.map((tag) => ({ escalationId: escalation.id, tag: readString(tag.tag) })),
    customer: row.c_id === null || row.c_id === undefined ? null : customerFromRow(row, 'c_'),
    theme: joinedTheme(row),
  };
}

/** `findEscalation` as prepared SQL: one joined read and one for its tags. */
export const findEscalationPrepared = (q: TSqlQueryable, id: number): Promise<TEscalation | null> =>
  withRelationsPrepared(q, 'e."id" = ?', [id]);

/** `findEscalationByCard` as prepared SQL, for every reaction Slack sends. */
export const findEscalationByCardPrepared = (q: TSqlQueryable, channelId: string, ts: string) =>
  withRelationsPrepared(q, 'e."cardChannelId" = ? AND e."cardTs" = ?', [channelId, ts]);

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
  const escalation = escalationFromRow(row);
  return {
    ...escalation,
    tags: tags.map((tag) => ({ escalationId: escalation.id, tag })),
    customer,
    theme: null,
  } satisfies TEscalation;
};

/** Inserts a new escalation: the row comes back from the insert itself, its tags in one statement. */
export async function insertEscalationPrepared(
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
export async function cardStatePrepared(q: TSqlQueryable, id: number) {
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

export async function recordCardPostedPrepared(q: TSqlQueryable, id: number, channelId: string, ts: string) {
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
  'updatedAt',
] as const;
type TChangeableField = (typeof CHANGEABLE_FIELDS)[number];
const CHANGEABLE = new Set<string>(CHANGEABLE_FIELDS);

/**
 * Applies a change only if nobody changed the row since `version` was read; false when someone did, so the caller
 * re-reads and decides again instead of overwriting a concurrent change.
 */
export async function updateEscalationIfVersionPrepared(
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
