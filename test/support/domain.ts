import { fixedAdvocates } from '../../src/core/shared/authz';
import { openDatabase, type TDatabase } from '../../src/core/shared/db/client';
import { migrateDatabase } from '../../src/core/shared/db/migrations';
import type { TProvider } from '../../src/core/shared/db/provider';
import type { TDomainDeps, TOutboxSink } from '../../src/core/shared/deps';
import type { TLeasedOutboxMessage } from '../../src/core/shared/outbox/outbox-repository';
import { ManualClock } from './clock';
import { createTestDatabase } from './databases';
import { shownText } from './outbox-text';

/** Records what the domain asked to send, instead of sending it: domain tests need no Slack. */
export class RecordingOutbox implements TOutboxSink {
  readonly delivered: number[] = [];
  async deliver(ids: number[]) {
    this.delivered.push(...ids);
  }
  async deliverLeased(messages: TLeasedOutboxMessage[]) {
    this.delivered.push(...messages.map((message) => message.id));
  }
}

export interface TDomainFixture {
  deps: TDomainDeps;
  db: TDatabase;
  clock: ManualClock;
  outbox: RecordingOutbox;
  /** The database's URL, for a second connection (another process on the same database). */
  url: string;
  /** The messages queued so far, oldest first, parsed, with the words each shows in Slack. */
  queued(): Promise<{ dedupeKey: string; kind: string; payload: Record<string, unknown>; text?: string }[]>;
  close(): Promise<void>;
}

/** A migrated throwaway database of the given kind with a manual clock. */
export async function createDomainFixture(provider: TProvider, start?: string): Promise<TDomainFixture> {
  const database = await createTestDatabase(provider);
  await migrateDatabase(database.url);
  const db = openDatabase(database.url);
  const clock = new ManualClock(start);
  const outbox = new RecordingOutbox();
  return {
    deps: { db, clock, outbox, authz: fixedAdvocates() },
    db,
    clock,
    outbox,
    url: database.url,
    async queued() {
      const rows = await db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } });
      return rows.map((row) => {
        const payload = JSON.parse(row.payload) as Record<string, unknown>;
        return { dedupeKey: row.dedupeKey, kind: row.kind, payload, text: shownText(payload) };
      });
    },
    async close() {
      await db.close();
      await database.drop();
    },
  };
}
