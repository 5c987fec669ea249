import { reactionAddedEvent } from '@advocate/slack-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channels, People, startTestApp, type TTestApp } from '../support/app-harness';
import { testProviders } from '../support/databases';

/**
 * What one flag, one claim by reaction and one survey response cost in SQL statements, counted where statements
 * reach the database driver (Prisma's and the prepared hot paths alike; BEGIN is not counted, COMMIT is). A count
 * is deterministic, unlike a timing: this fails when a change makes a hot path do more work.
 * docs/performance.md lists the statements.
 */
const BUDGET = {
  /**
   * SQLite: customer lookup, escalation, tags, timeline and the card's and confirmation's outbox messages (one
   * INSERT), COMMIT; card version check; card recorded and outbox marked sent, COMMIT; once the agent has the
   * confirmation, its queued copy marked sent (COMMIT on SQLite). PostgreSQL: customer lookup and one statement for
   * the flag (CTEs), then the same card and confirmation steps. The confirmation's mark is the price of a confirmation
   * that survives a crash (issue 23): +2 on SQLite, +1 on PostgreSQL. Where the card goes (issue 29) reads four
   * more before it is posted: the escalation's storm, a quiet storm to close, the open storm, the flags in the window.
   */
  flag: { sqlite: 16, postgresql: 11 },
  /** Event id already applied?; card lookup and tags; version-checked update, timeline, three outbox messages, the
   * event id (in the change's transaction since issue 23, so a failed change leaves the retry free), COMMIT; card
   * version check; the three messages marked sent, COMMIT. PostgreSQL: +1 for the event id's read. */
  claim: { sqlite: 11, postgresql: 11 },
  /** A promoter, through Prisma: customer, response, COMMIT (a promoter cannot put a customer at risk). */
  survey: { sqlite: 3, postgresql: 3 },
};

const SURVEY_WEBHOOK_TOKEN = 'statement-counts-token-0123456789';

describe.each(testProviders())('SQL statements per hot path on %s', (provider) => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp(provider, { env: { SURVEY_WEBHOOK_TOKEN } });
  });
  afterAll(async () => t.stop());

  async function counting(work: () => Promise<void>) {
    await t.settle();
    const { statements } = t.app.db;
    statements.recorded.length = 0;
    statements.recording = true;
    await work();
    await t.settle();
    statements.recording = false;
    return [...statements.recorded];
  }
  const postSurvey = (body: Record<string, unknown>) =>
    fetch(`${t.app.url}/surveys`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${SURVEY_WEBHOOK_TOKEN}` },
      body: JSON.stringify(body),
    });
  const flag = (text: string) => t.slack.runSlashCommand(People.agent, Channels.support, text);

  it('flags with at most its budget of statements, once the customer exists and is already at risk', async () => {
    await flag('!high #billing customer:"Acme Corp" first flag makes the customer known and at risk');
    const executed = await counting(async () => {
      await flag('!high #billing customer:"Acme Corp" double charged on renewal');
    });
    console.log(`one flag on ${provider}: ${executed.length} statements\n  ${executed.join('\n  ')}`);
    expect(executed.length).toBeLessThanOrEqual(BUDGET.flag[provider]);
    expect(executed.filter((sql) => /INSERT INTO "Escalation"/.test(sql))).toHaveLength(1);
  });

  it('claims by reaction with at most its budget of statements', async () => {
    await flag('!medium customer:"Acme Corp" the export button does nothing');
    await t.settle();
    const card = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const executed = await counting(async () => {
      await t.sendEvent(
        reactionAddedEvent({ user: People.advocate, reaction: 'eyes', channel: Channels.advocates, ts: card.cardTs! }),
      );
    });
    console.log(`one claim on ${provider}: ${executed.length} statements\n  ${executed.join('\n  ')}`);
    expect((await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: card.id } })).status).toBe('claimed');
    expect(executed.length).toBeLessThanOrEqual(BUDGET.claim[provider]);
  });

  it('records a survey response with at most its budget of statements', async () => {
    await postSurvey({ kind: 'nps', score: 9, customer: 'Globex' });
    const executed = await counting(async () => {
      const response = await postSurvey({ kind: 'nps', score: 10, customer: 'Globex' });
      expect(response.status).toBe(200);
    });
    console.log(`one survey response on ${provider}: ${executed.length} statements\n  ${executed.join('\n  ')}`);
    expect(executed.length).toBeLessThanOrEqual(BUDGET.survey[provider]);
  });
});
