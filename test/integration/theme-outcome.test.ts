import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdvocate } from '../../src/app/start-advocate';
import { recordSurveyResponses } from '../../src/core/surveys/record-responses';
import { resolveTheme } from '../../src/core/themes/resolve-theme';
import { createLogger } from '../../src/logger';
import { tickOutcomeChecks } from '../../src/schedule/outcome-check-tick';
import {
  ADVOCATE_USERGROUP,
  Channels,
  People,
  startTestApp,
  TEST_SLACK_PACE,
  type TTestApp,
} from '../support/app-harness';
import { days, ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';
import { blockText, type TBlock } from '../support/slack-text';

type TSlackMessage = { text: string; ts: string; blocks?: TBlock[] };
const START = '2026-09-01T10:00:00Z';

describe.each(testProviders())('fix outcomes over Slack on %s', (provider) => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp(provider, {
      clock: new ManualClock(START),
      env: { ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP, OUTCOME_CHECK_DAYS: '30,90' },
    });
  });
  afterAll(async () => t.stop());

  const command = async (user: string, text: string) => {
    await t.slack.runSlashCommand(user, Channels.support, text);
    await t.settle();
    const reply = t.slack.ephemeralsFor(user).at(-1);
    return `${reply?.text ?? ''}\n${blockText(reply?.blocks as TBlock[])}`;
  };
  const theme = (id: number) => t.app.db.prisma.theme.findUniqueOrThrow({ where: { id } });
  const cardText = async (id: number) => {
    const { cardTs } = await theme(id);
    const card = (t.slack.messagesIn(Channels.advocates) as TSlackMessage[]).find((m) => m.ts === cardTs);
    return blockText(card?.blocks);
  };
  const threadTexts = async (id: number) =>
    (t.slack.threadOf(Channels.advocates, (await theme(id)).cardTs!) as TSlackMessage[])
      .map((m) => `${m.text}\n${blockText(m.blocks)}`)
      .filter((text) => text.includes('Fix check'));
  const nps = (customer: string, score: number, at: Date) =>
    recordSurveyResponses(t.app.services.deps, {
      source: 'webhook',
      responses: [{ kind: 'nps', score, customer, respondedAt: at }],
    });

  it('answers privately before and after the resolution, and posts each check once in the thread', async () => {
    await command(People.agent, '!high #billing customer:Acme charged twice on renewal');
    await command(People.agent2, '#billing customer:Globex invoice shows twice');
    const escalations = await t.app.db.prisma.escalation.findMany({ orderBy: { id: 'asc' } });
    await command(People.advocate, `theme Billing double charge ${escalations.map((e) => `ADV-${e.id}`).join(' ')}`);
    const created = await t.app.db.prisma.theme.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const ref = `THM-${created.id}`;

    expect(await command(People.bystander, `theme ${ref} outcome`)).toContain(
      `*${ref}* Billing double charge is still open: its outcome is measured from the moment it is resolved.`,
    );
    expect(await command(People.agent, 'theme THM-999 outcome')).toContain('There is no THM-999.');
    expect(await command(People.agent, `theme ${ref} outcome please`)).toContain(
      `\`outcome\` takes nothing more: \`theme ${ref} outcome\``,
    );

    // Before: 2 detractors, 1 passive → −67 over 3 responses.
    const R = new Date(new Date(START).getTime() + days(1));
    await nps('Acme', 3, new Date(R.getTime() - days(20)));
    await nps('Globex', 5, new Date(R.getTime() - days(10)));
    await nps('Acme', 7, new Date(R.getTime() - days(2)));
    t.clock.set(R);
    await t.slack.clickButton(People.advocate, Channels.advocates, created.cardTs!, 'theme_resolve');
    await t.settle();
    const modal = t.slack.openViews().find((view) => view.callback_id === 'theme_resolve_note');
    await t.slack.submitView(People.advocate, modal!.id as string, {
      note: { value: { type: 'plain_text_input', value: 'Fixed in 4.2' } },
    });
    await t.settle();
    expect((await theme(created.id)).status).toBe('resolved');

    // Since: 3 promoters → +100.
    for (const [customer, offset] of [
      ['Acme', 3],
      ['Globex', 5],
      ['Acme', 12],
    ] as const)
      await nps(customer, 10, new Date(R.getTime() + days(offset)));
    t.clock.set(new Date(R.getTime() + days(14)));
    const report = await command(People.agent, `theme ${ref} outcome`);
    expect(report).toContain(`*${ref}* Billing double charge · outcome 14 days after the fix`);
    expect(report).toContain('*Verdict:* won back: NPS +167 over 14 days');
    expect(report).toContain('NPS -67 (3) → +100 (3)');
    expect(report).toContain('CSAT — (0) → — (0) · too few responses to say');
    // Private: nothing was posted where the command was typed.
    expect((t.slack.messagesIn(Channels.support) as TSlackMessage[]).filter((m) => m.text.includes('outcome'))).toEqual(
      [],
    );

    // Two instances tick at day 30 (and again later): one report in the thread; the card shows the verdict.
    const second = await startAdvocate(
      { ...t.config, skipMigration: true },
      { clock: t.clock, logger: createLogger('error'), outboxIntervalMs: 3_600_000, slackPace: TEST_SLACK_PACE },
    );
    try {
      t.clock.set(new Date(R.getTime() + days(29.9)));
      await tickOutcomeChecks(t.app.services, t.clock.now());
      expect(await threadTexts(created.id)).toEqual([]);
      t.clock.set(new Date(R.getTime() + days(30)));
      const ticks = [
        () => tickOutcomeChecks(t.app.services, t.clock.now()),
        () => tickOutcomeChecks(second.services, t.clock.now()),
      ];
      if (provider === 'postgresql') await Promise.all(ticks.map((tick) => tick()));
      else for (const tick of ticks) await tick();
      t.clock.set(new Date(R.getTime() + days(31)));
      for (const tick of ticks) await tick();
      await t.settle();
      await second.idle();
    } finally {
      await second.stop();
    }
    const thread = await threadTexts(created.id);
    expect(thread).toHaveLength(1);
    expect(thread[0]).toContain('Fix check, 30 days on');
    expect(thread[0]).toContain('*Verdict:* won back: NPS +167 over 30 days');
    expect(thread[0]).toContain('NPS -67 (3) → +100 (3)');
    expect(await cardText(created.id)).toContain('*Outcome* (30 days on): won back: NPS +167 over 30 days');

    t.clock.set(new Date(R.getTime() + days(90)));
    await tickOutcomeChecks(t.app.services, t.clock.now());
    await t.settle();
    const later = await threadTexts(created.id);
    expect(later).toHaveLength(2);
    expect(later[1]).toContain('Fix check, 90 days on');
    expect(await cardText(created.id)).toContain('*Outcome* (90 days on): won back: NPS +167 over 90 days');
  });

  it('with DRY_RUN logs the checks that are due and records and posts nothing', async () => {
    await command(People.agent, '#sso customer:Hooli login loops forever');
    const escalation = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    await command(People.advocate, `theme SSO loops ADV-${escalation.id}`);
    const created = await t.app.db.prisma.theme.findFirstOrThrow({ orderBy: { id: 'desc' } });
    await resolveTheme(t.app.services.deps, {
      themeId: created.id,
      note: 'Fixed',
      actorId: People.advocate,
      via: 'button',
    });
    t.clock.advance(days(30));
    const lines: string[] = [];
    const dry = {
      ...t.app.services,
      logger: createLogger('info', 'test', (line) => lines.push(line) > 0),
      config: { ...t.app.services.config, dryRun: true },
    };
    const done = await tickOutcomeChecks(dry, t.clock.now());
    expect(done?.map((check) => [check.themeId, check.days])).toEqual([[created.id, 30]]);
    expect(lines.join('\n')).toContain(`dry run: THM-${created.id} 30 days on: too early to say`);
    expect(await t.app.db.prisma.themeOutcomeCheck.count({ where: { followUp: { themeId: created.id } } })).toBe(0);
    await t.settle();
    expect(await threadTexts(created.id)).toEqual([]);
  });
});
