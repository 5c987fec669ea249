import type { TRenderContext } from '@advocate/slack-standin/render';
import { blocksToHtml, messageBodyHtml, mrkdwnToHtml } from '@advocate/slack-standin/render';
import { describe, expect, it } from 'vitest';
import type { TEscalation } from '../../src/core/escalations/escalations-repository';
import { escalationCard } from '../../src/slack/escalations/escalation-card';
import { intakeModal } from '../../src/slack/escalations/intake-modal';

const names: Record<string, string> = { U0ADVOC001: 'bob', U0AGENT001: 'alice' };
const ctx: TRenderContext = {
  userName: (id) => names[id],
  channelName: (id) => ({ C0SUPPORT1: 'support', C0ADVOCATE: 'advocates' })[id],
  usergroupName: (id) => (id === 'S0ADVOCATE' ? 'advocates' : undefined),
  people: () => [
    { id: 'U0AGENT001', name: 'alice' },
    { id: 'U0ADVOC001', name: 'bob' },
  ],
  channels: () => [{ id: 'C0SUPPORT1', name: 'support' }],
  timeZone: 'Europe/Paris',
  now: new Date('2026-11-25T10:00:00Z'),
  permalinkHost: 'standin.slack.com',
  fileUrl: (id) => `/sandbox/api/files/${id}`,
};

describe('mrkdwn as HTML', () => {
  it('escapes everything a customer could type, and shows Slack entities as their characters', () => {
    const html = mrkdwnToHtml('<script>alert(1)</script> "quotes" & &lt;b&gt; &amp;', ctx);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;quotes&quot; &amp; &lt;b&gt; &amp;');
  });

  it('formats bold, italic, strike and code at word edges, and leaves snake_case alone', () => {
    expect(mrkdwnToHtml('*ADV-1* is _high_ and ~old~ `code *not bold*` snake_case_name', ctx)).toBe(
      '<strong>ADV-1</strong> is <em>high</em> and <s>old</s> <code>code *not bold*</code> snake_case_name',
    );
  });

  it('names people, channels and the advocates group, and formats dates in the reader’s zone', () => {
    const html = mrkdwnToHtml(
      '<@U0ADVOC001> in <#C0SUPPORT1> for <!subteam^S0ADVOCATE> <!here> <!date^1795597200^{date_short} {time}|2026-11-25 09:00 UTC>',
      ctx,
    );
    expect(html).toContain('<span class="mention mention-user">@bob</span>');
    expect(html).toContain('<span class="mention mention-channel">#support</span>');
    expect(html).toContain('<span class="mention mention-group">@advocates</span>');
    expect(html).toContain('@here');
    expect(html).toMatch(
      /<time datetime="2026-11-25T09:00:00.000Z" title="2026-11-25 09:00 UTC">Nov 25, 2026 10:00<\/time>/,
    );
  });

  it('links only web and mail addresses, and turns stand-in permalinks into jumps on the page', () => {
    const html = mrkdwnToHtml(
      '<https://example.com/a?b=1&amp;c=2|docs> <javascript:alert(1)|click> <https://standin.slack.com/archives/C0ADVOCATE/p1712345678123456?thread_ts=1712345600.000100&cid=C0ADVOCATE|View the card>',
      ctx,
    );
    expect(html).toContain(
      '<a href="https://example.com/a?b=1&amp;amp;c=2" target="_blank" rel="noopener noreferrer">docs</a>',
    );
    expect(html).not.toContain('javascript:');
    expect(html).toContain('click');
    expect(html).toContain(
      '<a href="#" class="permalink" data-channel="C0ADVOCATE" data-ts="1712345678.123456" data-thread-ts="1712345600.000100">View the card</a>',
    );
  });

  it('renders quotes, code blocks, line breaks and known emoji', () => {
    const html = mrkdwnToHtml(
      '> quoted *bold*\nplain &gt; not a quote\n```\n*raw* <b>\n```\n:eyes: :no_such_emoji:',
      ctx,
    );
    expect(html).toContain('<blockquote>quoted <strong>bold</strong></blockquote>plain &gt; not a quote');
    expect(html).toContain('<pre>*raw* &lt;b&gt;\n</pre>');
    expect(html).toContain('👀');
    expect(html).toContain(':no_such_emoji:');
  });
});

const escalation = {
  id: 7,
  summary: 'Double charged <again> & again',
  severity: 'high',
  status: 'claimed',
  ownerId: 'U0ADVOC001',
  reporterId: 'U0AGENT001',
  sourceChannelId: 'C0SUPPORT1',
  sourceLink: null,
  customer: { id: 3, name: 'Acme & Co' },
  tags: [{ escalationId: 7, tag: 'billing' }],
  theme: null,
  createdAt: new Date('2026-11-24T10:00:00Z'),
  claimedAt: new Date('2026-11-24T11:00:00Z'),
  resolvedAt: null,
} as unknown as TEscalation;

describe('Block Kit as HTML', () => {
  it('lays out the escalation card: header, escaped summary, fields, context and wired buttons', () => {
    const { blocks } = escalationCard(escalation);
    const html = blocksToHtml(blocks, ctx);
    expect(html).toContain('<div class="bk bk-header"');
    expect(html).toContain('ADV-7 · Double charged &lt;again&gt; &amp; again');
    expect(html).toContain('<div class="bk-fields">');
    expect(html).toContain('<strong>Customer</strong><br>Acme &amp; Co');
    expect(html).toContain('claimed by <span class="mention mention-user">@bob</span>');
    expect(html).toContain('<div class="bk bk-context"');
    expect(html).toMatch(
      /<button type="button" class="bk-button bk-primary" data-action-id="escalation_claim" data-block-id="escalation_actions_7">Take over<\/button>/,
    );
    expect(html).toContain('data-action-id="escalation_resolve"');
  });

  it('shows images and unknown blocks as text and links, never loading anything from outside', () => {
    const html = blocksToHtml(
      [
        { type: 'divider' },
        {
          type: 'image',
          image_url: 'https://example.com/chart.png',
          alt_text: 'NPS trend',
          title: { type: 'plain_text', text: 'Trend' },
        },
        { type: 'image', slack_file: { id: 'F123' }, alt_text: 'chart' },
        { type: 'video', title: { type: 'plain_text', text: 'x' } },
        { type: 'actions', block_id: 'b', elements: [{ type: 'datepicker', action_id: 'd' }] },
        {
          type: 'actions',
          block_id: 'm',
          elements: [
            {
              type: 'static_select',
              action_id: 'escalation_wait',
              placeholder: { type: 'plain_text', text: 'Waiting…' },
              options: [{ text: { type: 'plain_text', text: 'Waiting on <engineering>' }, value: '{"on":"x"}' }],
            },
          ],
        },
      ],
      ctx,
    );
    expect(html).toContain('<hr class="bk bk-divider">');
    expect(html).not.toContain('<img');
    expect(html).toContain('href="https://example.com/chart.png"');
    expect(html).toContain('🖼 Trend');
    expect(html).toContain('href="/sandbox/api/files/F123"');
    expect(html).toContain('[video block]');
    expect(html).toContain('[datepicker]');
    // A menu on a message is a select the page sends as block_actions (the card's Waiting…), its text escaped.
    expect(html).toContain('<select class="bk-menu" data-action-id="escalation_wait" data-block-id="m"');
    expect(html).toContain('Waiting on &lt;engineering&gt;</option>');
  });

  it('turns the intake modal into a form: labels, required inputs, initial values and options', () => {
    const view = intakeModal(
      { channelId: 'C0SUPPORT1' },
      { summary: 'Login <loops>', link: 'https://standin.slack.com/x' },
    );
    const html = blocksToHtml(view.blocks, ctx);
    expect(html).toMatch(
      /<textarea class="bk-control" id="input-summary" data-block-id="summary" data-action-id="value" maxlength="3000" rows="4" required>Login &lt;loops&gt;<\/textarea>/,
    );
    expect(html).toContain('Customer <span class="bk-optional">(optional)</span>');
    expect(html).toMatch(/<input class="bk-control" id="input-customer"[^>]*type="text"[^>]*>/);
    expect(html).not.toMatch(/id="input-customer"[^>]*required/);
    expect(html).toContain('<option value="medium" selected>medium</option>');
    expect(html).toContain('<option value="critical">critical</option>');
    expect(html).toMatch(/type="url" value="https:\/\/standin.slack.com\/x"/);
    expect(html).toContain('Lower-case words separated by spaces or commas');
  });

  it('falls back to the text when a message has no blocks, and draws attachments', () => {
    const html = messageBodyHtml(
      { text: 'hello *world*', attachments: [{ color: 'ff0000', title: 'Old style', text: 'attached' }] },
      ctx,
    );
    expect(html).toContain('hello <strong>world</strong>');
    expect(html).toContain('border-left-color:#ff0000');
    expect(html).toContain('Old style');
  });
});

describe('hostile text on the sandbox page', () => {
  const hostile = {
    ...escalation,
    summary:
      'first line <script>alert(1)</script>\n<img src=x onerror="alert(2)"> "quoted" \' <https://evil.example|click here> <javascript:alert(3)|js>',
    customer: { id: 3, name: '"><svg onload=alert(4)> <!channel>' },
    sourceLink: 'javascript:alert(5)',
  } as unknown as TEscalation;

  it('renders a card built from hostile text as text: no element, handler, script URL or broken attribute', () => {
    const html = blocksToHtml(escalationCard(hostile).blocks, ctx);
    for (const forbidden of ['<script', '<img', '<svg', 'href="javascript:', "href='javascript:"])
      expect(html).not.toContain(forbidden);
    // No real tag carries an event handler (the typed `onerror=` survives only as escaped text).
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    // What the agent typed is still readable, as characters.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    // The disguised link shows its real address; the broadcast is plain text.
    expect(html).toContain('click here');
    expect(html).toContain('https://evil.example');
    expect(html).not.toMatch(/class="mention[^"]*"[^>]*>@channel/);
  });

  it('never turns a message body into markup, whatever its text or blocks say', () => {
    const html = messageBodyHtml(
      { text: '<b>bold</b> <a href="javascript:alert(6)">x</a> &lt;iframe&gt;', blocks: undefined },
      ctx,
    );
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<a href="javascript:');
    expect(html).not.toContain('<iframe');
  });
});
