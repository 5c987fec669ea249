import { reactionAddedEvent } from '@advocate/slack-standin';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../../../../src/slack/kit/respond-with-error';
import { Channels, People, startTestApp, type TTestApp } from '../../../support/app-harness';
import { testProviders } from '../../../support/databases';
import {
  privatePostgresAvailable,
  startPrivatePostgres,
  type TPrivatePostgres,
} from '../../../support/private-postgres';

const TOKEN = 'outage-token-0123456789';
const OUTAGE_MS = 20_000;

describe.skipIf(!testProviders().includes('postgresql') || !privatePostgresAvailable)(
  'PostgreSQL going away under the app (a private server the test stops and starts)',
  () => {
    let server: TPrivatePostgres;
    let t: TTestApp;
    beforeAll(async () => {
      server = await startPrivatePostgres();
      t = await startTestApp('postgresql', { env: { DATABASE_URL: server.url, SURVEY_WEBHOOK_TOKEN: TOKEN } });
    }, 90_000);
    afterAll(async () => {
      await t?.stop();
      server?.destroy();
    });

    const health = async () => {
      const started = Date.now();
      const response = await fetch(`${t.app.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      return { status: response.status, body: (await response.json()) as { db: string }, ms: Date.now() - started };
    };
    const postSurvey = (externalId: string) =>
      fetch(`${t.app.url}/surveys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'nps', score: 2, customer: 'Acme', comment: 'slow', externalId }),
        signal: AbortSignal.timeout(15_000),
      });
    const answers = () => t.slack.ephemeralsFor(People.agent).map((answer) => answer.text);
    /** Runs `/advocate <text>` and waits for its private answer through the response_url. */
    const command = async (text: string) => {
      const before = answers().length;
      const ack = await t.slack.runSlashCommand(People.agent, Channels.support, text);
      expect(ack?.status).toBe(200);
      await t.slack.waitFor(() => answers().length > before, 15_000);
      return answers().at(-1)!;
    };

    it('answers "try again" and 503 while the server is down for 20 s, then recovers by itself', async () => {
      expect(await command('double charged before the outage')).toContain('ADV-1');
      expect((await postSurvey('before')).status).toBe(200);

      const card = await t.app.db.prisma.escalation.findFirstOrThrow({
        where: { summary: 'double charged before the outage' },
      });
      const claim = reactionAddedEvent({
        user: People.advocate,
        reaction: 'eyes',
        channel: Channels.advocates,
        ts: card.cardTs!,
      });

      server.stop();
      // A reaction Slack sends meanwhile is not acknowledged: Slack sends it again later.
      const refusedClaim = await t.sendEvent(claim);
      expect(refusedClaim.status).toBe(503);
      const downSince = Date.now();
      let rounds = 0;
      while (Date.now() - downSince < OUTAGE_MS) {
        const down = await health();
        expect(down.status).toBe(503);
        expect(down.body.db).toMatch(/^unavailable: .*(reach|connect|terminat)/i);
        expect(await command(`flagged during the outage ${rounds}`)).toBe(DATABASE_UNAVAILABLE_MESSAGE);
        const survey = await postSurvey(`during-${rounds}`);
        expect(survey.status).toBe(503);
        expect(survey.headers.get('retry-after')).toBe('60');
        expect(((await survey.json()) as { error: string }).error).toBe(
          "Advocate can't reach its database right now; nothing was stored — retry in a minute",
        );
        rounds++;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      expect(rounds).toBeGreaterThan(2);

      server.start();
      await expect.poll(async () => (await health()).status, { timeout: 15_000, interval: 500 }).toBe(200);
      expect(await command('double charged after the outage')).toContain('ADV-2');
      // Slack's retry of the refused reaction is applied, once.
      expect((await t.sendEvent(claim, { eventId: refusedClaim.eventId, retryNum: 1 })).status).toBe(200);
      expect((await t.sendEvent(claim, { eventId: refusedClaim.eventId, retryNum: 2 })).status).toBe(200);
      await t.settle();
      const claimed = await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: card.id } });
      expect(claimed).toMatchObject({ status: 'claimed', ownerId: People.advocate });
      expect(await t.app.db.prisma.timelineEntry.count({ where: { escalationId: card.id, action: 'claimed' } })).toBe(
        1,
      );
      expect((await postSurvey('after')).status).toBe(200);
      // Nothing of what was refused was half-stored.
      const summaries = (await t.app.db.prisma.escalation.findMany({ orderBy: { id: 'asc' } })).map((e) => e.summary);
      expect(summaries).toEqual(['double charged before the outage', 'double charged after the outage']);
      expect((await t.app.db.prisma.surveyResponse.findMany()).map((row) => row.externalId).sort()).toEqual([
        'after',
        'before',
      ]);
    }, 120_000);

    it('answers /healthz within its deadline when a statement hangs on a lock, and 200 once it is released', async () => {
      const locker = new pg.Client({ connectionString: server.url });
      await locker.connect();
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE "JobLease" IN ACCESS EXCLUSIVE MODE');
        const stuck = await health();
        expect(stuck.status).toBe(503);
        expect(stuck.ms).toBeLessThan(5_000);
        await locker.query('COMMIT');
        await expect.poll(async () => (await health()).status, { timeout: 10_000 }).toBe(200);
      } finally {
        await locker.end();
      }
    }, 30_000);
  },
);
