import { beforeEach, describe, expect, it } from 'vitest';
import { UNEXPECTED_FAILURE_MESSAGE } from '../../src/slack/kit/respond-with-error';
import { ADVOCATE_USERGROUP, Channels, People, useTestApp } from '../support/app-harness';
import { minutes } from '../support/clock';
import { testProviders } from '../support/databases';
import { blockText, type TBlock } from '../support/slack-text';

/**
 * A listener whose work fails in a way nobody planned for (here: Slack will not say who the advocates are) answers
 * the person with the one failure text, on the surface they used, and changes nothing.
 */
describe.each(testProviders())('a listener that fails unexpectedly on %s', (provider) => {
  const t = useTestApp(provider, { env: { ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP } });
  beforeEach(() => {
    // Past the advocate directory's cache, so the next question goes to Slack.
    t.clock.advance(minutes(5));
  });

  async function flag(text: string) {
    await t.slack.runSlashCommand(People.agent, Channels.support, text);
    await t.settle();
    const escalation = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    return { id: escalation.id, ts: escalation.cardTs! };
  }
  const stored = (id: number) => t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id } });

  it('answers a card button privately where it was pressed', async () => {
    const { id, ts } = await flag('!high #billing customer:Acme refunds never arrive');
    // The flag asked who the advocates are; past the directory's cache the press asks again, and that call fails.
    t.clock.advance(minutes(5));
    t.slack.failNext('usergroups.users.list', { error: 'internal_error' });
    await t.slack.clickButton(People.advocate, Channels.advocates, ts, 'escalation_claim');
    await t.settle();
    expect(t.slack.ephemeralsFor(People.advocate).at(-1)?.text).toBe(UNEXPECTED_FAILURE_MESSAGE);
    expect(await stored(id)).toMatchObject({ status: 'open', ownerId: null });
  });

  it('answers an App Home button on the App Home', async () => {
    const { id } = await flag('!critical #outage customer:Umbrella nothing loads at all');
    await t.slack.openHome(People.advocate);
    await t.settle();
    t.clock.advance(minutes(5));
    t.slack.failNext('usergroups.users.list', { error: 'internal_error' });
    await t.slack.clickHomeButton(People.advocate, 'escalation_claim', `home_${id}`);
    await t.settle();
    const home = t.slack.homeOf(People.advocate) as { blocks: TBlock[] };
    expect(blockText(home.blocks)).toContain(UNEXPECTED_FAILURE_MESSAGE);
    expect(await stored(id)).toMatchObject({ status: 'open', ownerId: null });
  });

  it('answers a theme modal submit where the modal was opened', async () => {
    const first = await flag('!medium #billing customer:Acme double charge at renewal');
    const second = await flag('!medium #billing customer:Hooli double charge at renewal');
    await t.slack.runSlashCommand(
      People.advocate,
      Channels.advocates,
      `theme Double charge ADV-${first.id} ADV-${second.id}`,
    );
    await t.settle();
    await t.drainOutbox();
    const theme = await t.app.db.prisma.theme.findFirstOrThrow({ orderBy: { id: 'desc' } });
    await t.slack.clickButton(People.advocate, Channels.advocates, theme.cardTs!, 'theme_resolve');
    await t.settle();
    const modal = t.slack.openViews().find((view) => view.callback_id === 'theme_resolve_note')!;
    t.clock.advance(minutes(5));
    t.slack.failNext('usergroups.users.list', { error: 'internal_error' });
    await t.slack.submitView(People.advocate, modal.id as string, {
      note: { value: { type: 'plain_text_input', value: 'Fixed the renewal job.' } },
    });
    await t.settle();
    expect(t.slack.ephemeralsFor(People.advocate).at(-1)?.text).toBe(UNEXPECTED_FAILURE_MESSAGE);
    expect(await t.app.db.prisma.theme.findUniqueOrThrow({ where: { id: theme.id } })).toMatchObject({
      status: 'open',
    });
  });
});
