import type { TDatabase } from '../shared/db/client';
import { queueStormMessage, queueStormOver, queueStormUpdate } from './storm-outbox';
import {
  closeQuietStorms,
  countFlaggedBetween,
  findOpenStorm,
  joinStorm,
  openStorm,
  stormOfEscalation,
  type TStorm,
  type TStormEscalation,
} from './storms-repository';

/** `threshold` escalations flagged within `windowMs` open a storm; it closes after `windowMs` without a flag. */
export interface TStormSettings {
  threshold: number;
  windowMs: number;
}

/**
 * Where an escalation's card goes, decided when the card is sent (by whichever replica sends it) from what is stored,
 * so that the decision is the same on every replica and after a restart: in the storm it was rolled into, else in the
 * channel's open storm if it was flagged while that storm was still blowing, else in a new storm when it is the
 * `threshold`-th escalation flagged within the window ending at its own flag, else on its own (null).
 */
export async function stormForCard(
  database: TDatabase,
  settings: TStormSettings,
  channelId: string,
  escalation: { id: number; createdAt: Date },
  now: Date,
): Promise<{ storm: TStorm; joined: boolean } | null> {
  const db = database.prisma;
  const already = await stormOfEscalation(db, escalation.id);
  if (already) return { storm: already, joined: false };
  await closeStormsThatPassed(database, settings, now);
  const flaggedAt = escalation.createdAt;
  const windowStart = new Date(flaggedAt.getTime() - settings.windowMs);
  const open = await findOpenStorm(db, channelId);
  if (open && flaggedAt.getTime() >= open.lastFlagAt.getTime() - settings.windowMs) {
    await joinStorm(db, open.id, windowStart, flaggedAt);
    await queueStormUpdate(database.sql, open.id, now);
    return { storm: open, joined: true };
  }
  if ((await countFlaggedBetween(db, windowStart, flaggedAt)) < settings.threshold) return null;
  const storm = await openStorm(db, channelId, windowStart, flaggedAt);
  await joinStorm(db, storm.id, windowStart, flaggedAt);
  // The replica that lost the race to open it queues nothing new: the key is the storm's.
  await queueStormMessage(database.sql, storm.id, now);
  await queueStormUpdate(database.sql, storm.id, now);
  return { storm, joined: true };
}

/** Closes the storms no flag joined for the window and queues their last word; resolves with how many closed. */
export async function closeStormsThatPassed(database: TDatabase, settings: TStormSettings, now: Date): Promise<number> {
  const closed = await closeQuietStorms(database.prisma, now, settings.windowMs);
  for (const storm of closed) await queueStormOver(database.sql, storm.id, now);
  return closed.length;
}

export interface TStormSummary {
  count: number;
  customers: string[];
  severities: { severity: string; count: number }[];
  tags: { tag: string; count: number }[];
  words: string[];
  firstFlagAt: Date;
  lastFlagAt: Date;
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];
const STOP_WORDS = new Set(
  'the a an and or of to in on for is are was were be it its at by with from as this that not no after before when our their they we customer customers can cannot'.split(
    ' ',
  ),
);

const topCounts = (values: string[], limit: number) => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([value, count]) => ({ value, count }));
};

/** What a storm is about: how many, who, how bad, and what they keep saying. */
export function summariseStorm(escalations: TStormEscalation[]): TStormSummary {
  const customers = [...new Set(escalations.map((e) => e.customer).filter((name): name is string => !!name))];
  const severities = topCounts(
    escalations.map((e) => e.severity),
    SEVERITY_ORDER.length,
  )
    .map(({ value, count }) => ({ severity: value, count }))
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const tags = topCounts(
    escalations.flatMap((e) => e.tags),
    5,
  ).map(({ value, count }) => ({ tag: value, count }));
  const words = topCounts(
    escalations.flatMap((e) => [
      ...new Set(
        e.summary
          .toLowerCase()
          .split(/[^a-z0-9]+/)
          .filter((word) => word.length > 2 && !STOP_WORDS.has(word)),
      ),
    ]),
    5,
  )
    .filter(({ count }) => count > 1)
    .map(({ value }) => value);
  const times = escalations.map((e) => e.createdAt.getTime());
  return {
    count: escalations.length,
    customers,
    severities,
    tags,
    words,
    firstFlagAt: new Date(Math.min(...times)),
    lastFlagAt: new Date(Math.max(...times)),
  };
}
