import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSurveyResponses, type TSurveyInput } from '../../src/core/surveys/record-responses';
import { resolveTheme } from '../../src/core/themes/resolve-theme';
import { tickOutcomeChecks } from '../../src/schedule/outcome-check-tick';
import { runDueDigests } from '../../src/schedule/run-due-digests';
import { ADVOCATE_USERGROUP, Channels, People, startTestApp, type TTestApp } from '../support/app-harness';
import { ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';
import { blockText, type TBlock } from '../support/slack-text';

type TPosted = { text: string; ts: string; blocks?: (TBlock & { block_id?: string })[] };

/** Monday 30 November 2026, 09:00 UTC: the weekly report of 2026-W48 (23–29 Nov) is due. */
const MONDAY = '2026-11-30T09:00:00Z';
const at = (iso: string) => new Date(iso);

describe.each(testProviders())('the weekly report explains NPS by theme on %s', (provider) => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp(provider, {
      clock: new ManualClock('2026-10-20T10:00:00Z'),
      env: { ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP },
    });
  });
  afterAll(async () => t.stop());

  const command = async (user: string, text: string) => {
    await t.slack.runSlashCommand(user, Channels.support, text);
    await t.settle();
    const reply = t.slack.ephemeralsFor(user).at(-1);
    return `${reply?.text ?? ''}\n${blockText(reply?.blocks as TBlock[])}`;
  };
  const latestTheme = () => t.app.db.prisma.theme.findFirstOrThrow({ orderBy: { id: 'desc' } });
  const latestEscalation = () => t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
  const record = (responses: TSurveyInput[]) =>
    recordSurveyResponses(t.app.services.deps, { source: 'import', responses });

  it('splits detractors by open theme, shows the fixes checked that week, and links a look-alike only when pressed', async () => {
    // A theme fixed on 25 October: its 30-day check falls on 24 November, in week 48.
    await command(People.agent, '#sso customer:Hooli login loops forever');
    await command(People.advocate, `theme SSO loops ADV-${(await latestEscalation()).id}`);
    const fixed = await latestTheme();
    t.clock.set('2026-10-25T12:00:00Z');
    await resolveTheme(t.app.services.deps, {
      themeId: fixed.id,
      note: 'Fixed',
      actorId: People.advocate,
      via: 'button',
    });
    t.clock.set('2026-11-24T12:00:00Z');
    await tickOutcomeChecks(t.app.services, t.clock.now());

    // An open theme: Acme and Initech charged twice.
    await command(People.agent, '#billing customer:Acme charged twice on renewal');
    const a = await latestEscalation();
    await command(People.agent, '#billing customer:Initech invoice charged twice');
    const b = await latestEscalation();
    await command(People.advocate, `theme Billing double charge ADV-${a.id} ADV-${b.id}`);
    const open = await latestTheme();

    await record([
      // Week 47: Acme 10, Umbrella 9.
      { kind: 'nps', score: 10, customer: 'Acme', respondedAt: at('2026-11-18T10:00:00Z') },
      { kind: 'nps', score: 9, customer: 'Umbrella', respondedAt: at('2026-11-18T10:00:00Z') },
      // Week 48: 4 detractors, 2 of them from the theme's accounts.
      {
        kind: 'nps',
        score: 2,
        customer: 'Acme',
        comment: 'still double billed',
        respondedAt: at('2026-11-24T10:00:00Z'),
      },
      { kind: 'nps', score: 4, customer: 'Initech', respondedAt: at('2026-11-25T10:00:00Z') },
      {
        kind: 'nps',
        score: 3,
        customer: 'Globex',
        comment: 'charged twice again',
        respondedAt: at('2026-11-26T10:00:00Z'),
      },
      {
        kind: 'nps',
        score: 5,
        customer: 'Wayne',
        comment: 'exports are slow',
        respondedAt: at('2026-11-27T10:00:00Z'),
      },
      { kind: 'nps', score: 10, customer: 'Umbrella', respondedAt: at('2026-11-27T10:00:00Z') },
    ]);
    t.clock.set(MONDAY);
    await runDueDigests(t.app.services, t.clock.now(), { kinds: ['nps'] });
    await t.settle();

    const report = (t.slack.messagesIn(Channels.advocates) as TPosted[]).find((m) => m.text.startsWith('NPS & CSAT'))!;
    expect(report.blocks!.length).toBeLessThanOrEqual(50);
    const text = blockText(report.blocks);
    for (const expected of [
      // 5 responses, 1 promoter, 4 detractors → −60; last week 2 promoters → +100.
      "*Why NPS moved* · NPS -60 (-160 vs last week's +100)",
      `• 2 of 4 detractors are customers of *THM-${open.id}* · Billing double charge: its 2 accounts went +100 → -100 (1 → 2 responses)`,
      '• Accounts in no open theme went +100 → -33 (1 → 3 responses)',
      '*2 of 4 detractors not linked to a theme:* Globex (3) “charged twice again” · Wayne (5) “exports are slow”',
      `may belong to *THM-${open.id}*: Globex (3) — “charged twice again”`,
      '*Fixes, 30 days on* · 1 theme checked this week',
      `• *THM-${fixed.id}* SSO loops · too early to say · NPS — (0) → — (0)`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('may belong to *THM-' + open.id + '*: Wayne');

    const globex = await t.app.db.prisma.surveyResponse.findFirstOrThrow({ where: { comment: 'charged twice again' } });
    const blockId = `theme_link_detractor_${open.id}_${globex.id}`;
    const button = report.blocks!.find((block) => block.block_id === blockId);
    expect(button?.accessory?.action_id).toBe('theme_link_detractor');

    // Nothing is linked by itself, nor by someone who is not an advocate.
    const before = await t.app.db.prisma.escalation.count();
    await t.slack.clickButton(People.bystander, Channels.advocates, report.ts, 'theme_link_detractor', blockId);
    await t.settle();
    expect(t.slack.ephemeralsFor(People.bystander).at(-1)?.text).toMatch(/advocate/i);
    expect(await t.app.db.prisma.escalation.count()).toBe(before);

    await t.slack.clickButton(People.advocate, Channels.advocates, report.ts, 'theme_link_detractor', blockId);
    await t.settle();
    const opened = await latestEscalation();
    expect(opened).toMatchObject({ themeId: open.id, status: 'open' });
    expect(t.slack.ephemeralsFor(People.advocate).at(-1)?.text).toBe(
      `Opened *ADV-${opened.id}* for Globex from the response and linked it to *THM-${open.id}* Billing double charge.`,
    );
    // Pressed again: nothing new.
    await t.slack.clickButton(People.advocate, Channels.advocates, report.ts, 'theme_link_detractor', blockId);
    await t.settle();
    expect(await t.app.db.prisma.escalation.count()).toBe(before + 1);
    expect(t.slack.ephemeralsFor(People.advocate).at(-1)?.text).toBe(
      `The response is on *ADV-${opened.id}* (Globex); it was already in *THM-${open.id}*.`,
    );
  });
});
