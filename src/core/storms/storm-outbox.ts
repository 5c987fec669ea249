import type { TSql } from '../shared/db/sql';
import { outboxKey } from '../shared/outbox/outbox-keys';
import { enqueueOutbox } from '../shared/outbox/outbox-repository';

/**
 * chat.update is Tier 3 (about 50 a minute for the whole workspace): a storm's message is updated once per slot of
 * this length however many flags join it, each update worded from the database when it is sent.
 */
export const STORM_UPDATE_SLOT_MS = 5_000;

/** Queues the storm's message (once, whichever replica opens the storm) and returns whether it was new. */
export async function queueStormMessage(sql: TSql, stormId: number, now: Date): Promise<boolean> {
  const ids = await enqueueOutbox(
    sql,
    [{ dedupeKey: outboxKey.stormMessage(stormId), message: { kind: 'storm.post', stormId } }],
    now,
  );
  return ids.length > 0;
}

/** Queues one update of the storm's message at the end of the current slot; later flags in the slot share it. */
export async function queueStormUpdate(sql: TSql, stormId: number, now: Date): Promise<number[]> {
  const slot = Math.floor(now.getTime() / STORM_UPDATE_SLOT_MS) + 1;
  return enqueueOutbox(
    sql,
    [{ dedupeKey: outboxKey.stormUpdate(stormId, slot), message: { kind: 'storm.update', stormId } }],
    now,
    new Date(slot * STORM_UPDATE_SLOT_MS),
  );
}

/** Queues the storm's last update, due at once. */
export async function queueStormOver(sql: TSql, stormId: number, now: Date): Promise<number[]> {
  return enqueueOutbox(
    sql,
    [{ dedupeKey: outboxKey.stormOver(stormId), message: { kind: 'storm.update', stormId } }],
    now,
  );
}

export async function queueStormThemed(sql: TSql, stormId: number, themeId: number, now: Date): Promise<number[]> {
  return enqueueOutbox(
    sql,
    [{ dedupeKey: outboxKey.stormThemed(stormId, themeId), message: { kind: 'storm.update', stormId } }],
    now,
  );
}
