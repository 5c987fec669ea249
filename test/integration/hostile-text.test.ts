import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channels, People, startTestApp, type TTestApp } from '../support/app-harness';
import { ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';

const TOKEN = 'hostile-text-webhook-token-0123';
const NOW = new Date('2026-11-25T10:00:00Z');

/** What an agent's `/advocate` text looks like on the wire when they type @channel, a disguised link and HTML. */
const TYPED_IN_SLACK =
  '<!channel> <!here> <!everyone> <!subteam^S0ADVOCATE|@advocates> please look <https://evil.example|click here> ' +
  '&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror="alert(1)"&gt; &amp;amp; ask <@U0AGENT002>';
/** The same tricks in text from outside Slack, plus a user mention that must not ping anyone. */
const FROM_OUTSIDE =
  '<!channel> <!here> <@U0EVIL001> <https://evil.example|click here> <script>alert(1)</script> <img src=x onerror="alert(1)">';
const EVIL_CUSTOMER = '<!channel> Evil & Co';
/** Typed into a form field in Slack: plain text, so the tricks arrive without entities; a mention may stay one. */
const TYPED_IN_FORM = FROM_OUTSIDE.replace('<@U0EVIL001>', '<@U0AGENT002>');

/** Every string under a `text`-like key that Slack reads as mrkdwn (plain_text objects show characters as they are). */
function mrkdwnStrings(value: unknown, inPlain = false, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) mrkdwnStrings(item, inPlain, out);
  else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const plain = object.type === 'plain_text' || object.type === 'plain_text_input';
    for (const [key, child] of Object.entries(object)) {
      if (typeof child === 'string' && key === 'text' && !plain && !inPlain) out.push(child);
      else mrkdwnStrings(child, plain, out);
    }
  }
  return out;
}

describe.each(testProviders())('hostile text on %s', (provider) => {
  let t: TTestApp;
  const answers: unknown[] = [];
  const command = async (user: string, text: string) => {
    const response = await t.slack.runSlashCommand(user, Channels.support, text);
    answers.push(response?.json ?? response?.text);
    await t.settle();
  };
  const postSurvey = (body: unknown) =>
    fetch(`${t.app.url}/surveys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await startTestApp(provider, { env: { SURVEY_WEBHOOK_TOKEN: TOKEN }, clock: new ManualClock(NOW) });
  });
  afterAll(async () => t.stop());

  it('lets no broadcast mention, disguised link, outside mention or raw markup reach Slack from any message kind', async () => {
    // Card post, flag confirmation, at-risk announcement (high severity).
    await command(People.agent, `!high #billing customer:"<!channel> Evil &amp; Co" ${TYPED_IN_SLACK}`);
    const escalation = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(escalation.summary).toContain('<script>alert(1)</script>');
    // A survey for that customer: a thread line on its card; another customer's lands in the open digest.
    expect((await postSurvey({ kind: 'nps', score: 1, customer: EVIL_CUSTOMER, comment: FROM_OUTSIDE })).status).toBe(
      200,
    );
    expect(
      (await postSurvey({ kind: 'csat', score: 1, customer: `${FROM_OUTSIDE} Ltd`, comment: FROM_OUTSIDE })).status,
    ).toBe(200);
    await t.settle();
    await t.drainOutbox();
    // Card update, thread lines and DMs to the reporter.
    const card = t.slack.messagesIn(Channels.advocates).find((m) => m.ts === escalation.cardTs) as { ts: string };
    await t.slack.addReaction(People.advocate, Channels.advocates, card.ts, 'eyes');
    await t.settle();
    await command(People.agent, 'list');
    await command(People.agent, `show ADV-${escalation.id}`);
    await command(People.advocate, 'digest');
    await command(People.advocate, 'digest nps');
    await command(People.advocate, 'customer "<!channel> Evil &amp; Co"');
    await command(People.advocate, 'customer at-risk');
    await command(People.advocate, `nps 2 customer:"<!channel> Evil &amp; Co" ${TYPED_IN_SLACK}`);
    // A theme card, its resolution note in every thread and the DMs to agents.
    await command(
      People.advocate,
      `theme <!here> &lt;b&gt;Evil&lt;/b&gt; <https://evil.example|theme> ADV-${escalation.id}`,
    );
    const theme = await t.app.db.prisma.theme.findFirstOrThrow({ orderBy: { id: 'desc' } });
    await t.drainOutbox();
    const themeCard = t.slack.messagesIn(Channels.advocates).find((m) => m.ts === theme.cardTs) as { ts: string };
    await t.slack.clickButton(People.advocate, Channels.advocates, themeCard.ts, 'theme_resolve');
    await t.settle();
    const resolveModal = t.slack.openViews().find((view) => view.callback_id === 'theme_resolve_note')!;
    await t.slack.submitView(People.advocate, resolveModal.id as string, {
      note: { value: { type: 'plain_text_input', value: `Fixed. <!channel> ${TYPED_IN_FORM}` } },
    });
    await t.settle();
    // The intake modal, typed into directly (plain text, no entities).
    await command(People.agent, '');
    const intake = t.slack.openViews().find((view) => view.callback_id === 'advocate_intake')!;
    await t.slack.submitView(People.agent, intake.id as string, {
      summary: { value: { type: 'plain_text_input', value: `Typed in the form ${TYPED_IN_FORM}` } },
      customer: { value: { type: 'plain_text_input', value: '<!here> Form & Co' } },
    });
    await t.settle();
    // The message shortcut on a message carrying the same tricks.
    const message = t.slack.ws.post({ channel: Channels.support, user: People.agent2, text: TYPED_IN_SLACK });
    await t.slack.runMessageShortcut(People.agent, Channels.support, message.ts, 'flag_for_advocacy');
    await t.settle();
    const shortcutModal = t.slack.openViews().at(-1)!;
    await t.slack.submitView(People.agent, shortcutModal.id as string, {});
    await t.settle();
    await t.drainOutbox();

    const methods = new Set(t.slack.calls.map((call) => call.method));
    for (const expected of ['chat.postMessage', 'chat.update', 'views.open', 'chat.postEphemeral']) {
      expect(methods).toContain(expected);
    }
    expect(await t.app.db.prisma.escalation.count()).toBe(3);
    const everything = JSON.stringify([t.slack.calls.map((call) => call.params), answers]);
    expect(everything).toContain('@channel');
    for (const broadcast of ['<!channel', '<!here', '<!everyone', '<!subteam']) {
      expect(everything).not.toContain(broadcast);
    }
    expect(everything).not.toMatch(/<https?:\/\/evil\.example[^>]*\|/);
    expect(everything).not.toContain('<@U0EVIL001');
    for (const text of mrkdwnStrings([t.slack.calls.map((call) => call.params), answers])) {
      expect(text).not.toMatch(/<(script|img|\/script|b>|\/b>)/);
    }
  });
});
