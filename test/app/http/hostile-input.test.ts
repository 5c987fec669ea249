import { postToApp } from '@advocate/slack-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNSAFE_COMMAND_TEXT } from '../../../src/slack/kit/middleware/safe-text-guard';
import { Channels, People, SIGNING_SECRET, startTestApp, type TTestApp } from '../../support/app-harness';
import { testProviders } from '../../support/databases';

const TOKEN = 'hostile-input-token-0123456789';

describe.each(testProviders())('hostile input on %s', (provider) => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp(provider, { env: { SURVEY_WEBHOOK_TOKEN: TOKEN } });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  const post = (path: string, body: string) =>
    fetch(`${t.app.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body,
    });

  it('answers NUL bytes and lone surrogates in POST /surveys with 400 naming the item and field, storing nothing', async () => {
    // Written as JSON escapes, exactly as a client would send them.
    const cases: [string, string][] = [
      ['{"kind":"nps","score":3,"customer":"Acme","comment":"bad\\u0000byte"}', 'comment: must not contain NUL'],
      ['{"kind":"nps","score":3,"customer":"Ac\\ud800me"}', 'customer: must not contain broken Unicode'],
      ['{"kind":"nps","score":3,"customer":"Acme","comment":"\\udc00"}', 'comment: must not contain broken Unicode'],
      ['{"kind":"nps","score":3,"customer":"Acme","externalId":"x\\u0000"}', 'externalId: must not contain NUL'],
      [
        '[{"kind":"nps","score":9,"customer":"Fine"},{"kind":"csat","score":2,"customer":"\\u0000"}]',
        'item 1: customer: must not contain NUL',
      ],
    ];
    for (const [body, problem] of cases) {
      const response = await post('/surveys', body);
      expect(response.status, body).toBe(400);
      expect(((await response.json()) as { error: string }).error).toContain(problem);
    }
    expect(await t.app.db.prisma.surveyResponse.count()).toBe(0);
    // A real surrogate pair (an emoji) is text like any other.
    const emoji = await post(
      '/surveys',
      '{"kind":"nps","score":10,"customer":"Acme","comment":"love it \\ud83d\\ude00"}',
    );
    expect(emoji.status).toBe(200);
    const stored = await t.app.db.prisma.surveyResponse.findFirstOrThrow();
    expect(stored.comment).toBe('love it 😀');
  });

  it('answers NUL bytes and lone surrogates in POST /customers with 400 naming the field', async () => {
    const nul = await post('/customers', '{"customer":"Ac\\u0000me","event":"renewed"}');
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { error: string }).error).toContain('customer: must not contain NUL');
    const surrogate = await post('/customers', '{"customer":"Acme","event":"renewed","externalId":"crm-\\ud800"}');
    expect(surrogate.status).toBe(400);
    expect(((await surrogate.json()) as { error: string }).error).toContain('externalId: must not contain broken');
    expect(await t.app.db.prisma.customerEvent.count()).toBe(0);
  });

  it('answers a slash command holding a NUL byte privately, storing nothing', async () => {
    const before = await t.escalationCount();
    const ack = await t.slack.runSlashCommand(People.agent, Channels.support, 'double charged\u0000 on renewal');
    expect(ack?.status).toBe(200);
    expect(ack?.json).toMatchObject({ response_type: 'ephemeral', text: UNSAFE_COMMAND_TEXT });
    await t.settle();
    expect(await t.escalationCount()).toBe(before);
  });

  it('answers a modal field holding a lone surrogate on that field, storing nothing', async () => {
    await t.slack.runSlashCommand(People.agent, Channels.support, '');
    await t.settle();
    const modal = t.slack.openViews().find((view) => view.callback_id === 'advocate_intake');
    expect(modal).toBeDefined();
    const before = await t.escalationCount();
    const answer = await t.slack.submitView(People.agent, modal!.id as string, {
      summary: { value: { type: 'plain_text_input', value: 'Webhooks arrive \ud800 twice' } },
    });
    expect(answer?.json).toEqual({
      response_action: 'errors',
      errors: { summary: 'This field must not contain broken Unicode (a lone UTF-16 surrogate).' },
    });
    await t.settle();
    expect(await t.escalationCount()).toBe(before);
  });

  it('refuses a /slack/events body over 1 MiB with 413, and signed bodies that are not objects with 400', async () => {
    const huge = `{"type":"event_callback","padding":"${'x'.repeat(1_100_000)}"}`;
    const tooLarge = await postToApp(t.eventsUrl, SIGNING_SECRET, huge, 'application/json');
    expect(tooLarge.status).toBe(413);
    for (const [body, type] of [
      ['null', 'application/json'],
      ['[]', 'application/json'],
      ['42', 'application/json'],
      ['payload=null', 'application/x-www-form-urlencoded'],
    ] as const) {
      const answer = await postToApp(t.eventsUrl, SIGNING_SECRET, body, type);
      expect(answer.status, body).toBe(400);
      expect(answer.text, body).toContain('not a Slack request');
    }
    // Still serving Slack afterwards.
    const ack = await t.slack.runSlashCommand(People.agent, Channels.support, 'help');
    expect(ack?.status).toBe(200);
  });
});
