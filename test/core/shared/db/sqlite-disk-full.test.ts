import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISK_FULL_MESSAGE } from '../../../../src/slack/kit/respond-with-error';
import { Channels, People, startTestApp, type TTestApp } from '../../../support/app-harness';
import { testProviders } from '../../../support/databases';
import { blockText, type TBlock } from '../../../support/slack-text';

/**
 * A real full disk: the database lives on a 4 MiB tmpfs that the test fills with a file. Mounting needs root (this
 * machine's tests run as root); elsewhere the test says why it skipped. PRAGMA max_page_count would be per
 * connection, so it could not reach the app's own connection without a test-only knob.
 */
const mountPoint = mkdtempSync(path.join(tmpdir(), 'advocate-full-'));
const mounted =
  testProviders().includes('sqlite') &&
  process.getuid?.() === 0 &&
  spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint]).status === 0;
if (!mounted) console.info('skipping the disk-full test: it needs root to mount a small tmpfs');

const TOKEN = 'disk-full-token-0123456789';

describe.skipIf(!mounted)('SQLite on a disk that fills up', () => {
  const file = path.join(mountPoint, 'advocate.db');
  const filler = path.join(mountPoint, 'filler');
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { env: { DATABASE_URL: `file:${file}`, SURVEY_WEBHOOK_TOKEN: TOKEN } });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    spawnSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  const health = async () => {
    const response = await fetch(`${t.app.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: (await response.json()) as { status: string; db: string } };
  };
  const postSurvey = (comment: string) =>
    fetch(`${t.app.url}/surveys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'nps', score: 4, customer: 'Acme', comment }),
      signal: AbortSignal.timeout(10_000),
    });
  const lastAnswerTo = (userId: string) => {
    const answers = t.slack.ephemeralsFor(userId);
    const last = answers[answers.length - 1];
    return last ? `${last.text}\n${blockText(last.blocks as TBlock[] | undefined)}` : '';
  };
  const fillDisk = () => {
    // Empty the write-ahead log first, so the app's next write must grow a file.
    const other = new Sqlite(file);
    other.pragma('wal_checkpoint(TRUNCATE)');
    other.close();
    try {
      writeFileSync(filler, Buffer.alloc(8 * 1024 * 1024));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    }
  };

  it('answers "try again" while the disk is full, then works again once space is freed, without a restart', async () => {
    await t.slack.runSlashCommand(People.agent, Channels.support, 'first flag before the disk fills');
    await t.settle();
    expect(await t.escalationCount()).toBe(1);

    fillDisk();
    const flag = await t.slack.runSlashCommand(People.agent, Channels.support, 'second flag on a full disk');
    expect(flag?.status).toBe(200);
    await t.settle();
    expect(lastAnswerTo(People.agent)).toContain(DISK_FULL_MESSAGE);
    const survey = await postSurvey('stored on a full disk?');
    expect(survey.status).toBe(503);
    expect(((await survey.json()) as { error: string }).error).toContain('nothing was stored');
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.db).toMatch(/full/i);

    rmSync(filler);
    // Before the fix, every transaction after SQLITE_FULL waited forever on the adapter's lock.
    expect((await health()).status).toBe(200);
    await t.slack.runSlashCommand(People.agent, Channels.support, 'third flag after space was freed');
    await t.settle();
    expect(lastAnswerTo(People.agent)).toContain('ADV-');
    expect((await postSurvey('stored after space was freed')).status).toBe(200);
    const summaries = (await t.app.db.prisma.escalation.findMany({ orderBy: { id: 'asc' } })).map((e) => e.summary);
    expect(summaries).toEqual(['first flag before the disk fills', 'third flag after space was freed']);
    expect(await t.app.db.prisma.surveyResponse.count()).toBe(1);
  }, 60_000);

  it('says 503 "disk full" when the disk fills while the write-ahead log still has room for a row rewritten in place', async () => {
    // Several flags leave the write-ahead log with pages to spare: rewriting one row in place still fits there.
    for (const n of [1, 2, 3]) await t.slack.runSlashCommand(People.agent, Channels.support, `flag number ${n} here`);
    await t.settle();
    try {
      writeFileSync(filler, Buffer.alloc(8 * 1024 * 1024));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    }
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.db).toMatch(/disk full/);
    rmSync(filler);
    expect((await health()).status).toBe(200);
  }, 60_000);
});
