import { existsSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteFilePath } from '../../src/core/shared/db/provider';
import { createTestDatabase, type TTestDatabase } from '../support/databases';
import { Channels, People, startTestSandbox, type TTestSandbox } from './sandbox-harness';

// The Slack side is kept beside a SQLite file only, so this is a SQLite test.
describe('the sandbox across a restart (sqlite)', () => {
  let database: TTestDatabase;
  let t: TTestSandbox | undefined;
  afterAll(async () => {
    await t?.stop();
    await database?.drop();
  });

  const cards = (s: TTestSandbox) =>
    s.sandbox.standIn.messagesIn(Channels.advocates).filter((m) => String(m.text).startsWith('ADV-'));

  it('keeps the cards the database points at, and they still work', async () => {
    database = await createTestDatabase('sqlite');
    t = await startTestSandbox('sqlite', { database });
    await t.post('/sandbox/api/command', {
      user: People.alice,
      channel: Channels.support,
      text: 'export times out for Initech',
    });
    await t.settle();
    const bootBefore = (await t.get<{ bootId: string }>('/sandbox/api/changes?since=0')).body.bootId;
    const [card] = cards(t);
    expect(card).toBeDefined();
    await t.stop();
    expect(existsSync(`${sqliteFilePath(database.url)}-slack.json`)).toBe(true);

    t = await startTestSandbox('sqlite', { database });
    expect(cards(t).map((m) => m.ts)).toEqual([card!.ts]);
    expect((await t.get<{ bootId: string }>('/sandbox/api/changes?since=0')).body.bootId).not.toBe(bootBefore);
    const confirmation = t.sandbox.standIn.ephemeralsFor(People.alice).at(-1);
    expect(confirmation?.text).toContain('ADV-1 flagged');

    await t.post('/sandbox/api/reaction', {
      user: People.bob,
      channel: Channels.advocates,
      ts: card!.ts,
      name: 'eyes',
      add: true,
    });
    await t.settle();
    expect(JSON.stringify(cards(t)[0]!.blocks)).toContain(`claimed by <@${People.bob}>`);
    await t.stop();
    t = undefined;
  });

  it('starts with an empty workspace when the database file was replaced', async () => {
    const file = sqliteFilePath(database.url);
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
    t = await startTestSandbox('sqlite', { database });
    expect(cards(t)).toEqual([]);
    expect(await t.sandbox.db.prisma.escalation.count()).toBe(0);
  });
});
