import { describe, expect, it } from 'vitest';
import {
  decodeSlackEntities,
  fromOutside,
  fromSlack,
  mention,
  mrkdwn,
  mrkdwnChunks,
  mrkdwnOf,
  plainOf,
  truncateMrkdwn,
} from '../../../../src/core/shared/text/mrkdwn';

describe('the escaping rule', () => {
  it.each([
    ['a < b & c > d', 'a &lt; b &amp; c &gt; d', 'a &lt; b &amp; c &gt; d'],
    ['<!channel> <!here> <!everyone>', '@channel @here @everyone', '@channel @here @everyone'],
    ['<!here|here> now', '@here now', '@here now'],
    ['<!subteam^S0123|@support-team> look', '@support-team look', '@support-team look'],
    ['<!subteam^S0123>', '@S0123', '@S0123'],
    ['<!date^1700000000^{date}|Nov 14> due', 'Nov 14 due', 'Nov 14 due'],
    ['<https://evil.example|click here>', 'click here (<https://evil.example>)', 'click here (<https://evil.example>)'],
    ['<https://acme.com|acme.com>', '<https://acme.com>', '<https://acme.com>'],
    ['<https://acme.com>', '<https://acme.com>', '<https://acme.com>'],
    ['<https://x.example/?a=1&b=2|x>', 'x (<https://x.example/?a=1&amp;b=2>)', 'x (<https://x.example/?a=1&amp;b=2>)'],
    ['<mailto:a@b.example|write us>', 'write us (<mailto:a@b.example>)', 'write us (<mailto:a@b.example>)'],
    ['<javascript:alert(1)|click>', '&lt;javascript:alert(1)|click&gt;', '&lt;javascript:alert(1)|click&gt;'],
    ['<@U0AGENT1>', '<@U0AGENT1>', '@U0AGENT1'],
    ['<@U0AGENT1|alice>', '<@U0AGENT1>', '@alice'],
    ['<#C0SUPPORT1|support>', '<#C0SUPPORT1>', '#support'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ])('%s → mrkdwn from Slack %s, from outside %s', (input, slack, outside) => {
    expect(mrkdwnOf(fromSlack(input)).text).toBe(slack);
    expect(mrkdwnOf(fromOutside(input)).text).toBe(outside);
  });

  it.each([
    ['a < b & c', 'a < b & c'],
    ['<!channel> ping', '@channel ping'],
    ['<https://evil.example|click here>', 'click here (https://evil.example)'],
    ['<@U0AGENT1|alice> and <@U0AGENT2>', '@alice and @U0AGENT2'],
    ['<!subteam^S1|@team>', '@team'],
  ])('plain_text of %s is %s', (input, expected) => {
    expect(plainOf(fromSlack(input))).toBe(expected);
    expect(plainOf(fromOutside(input))).toBe(expected);
  });

  it('decodes what Slack sends so stored text is what was typed', () => {
    expect(decodeSlackEntities('Acme &amp; Co &lt;3 &amp;lt;')).toBe('Acme & Co <3 &lt;');
  });

  it('escapes every bare string a template interpolates, keeping our own markup', () => {
    const name = '<!channel> Evil & Co';
    expect(mrkdwn`*${name}* by ${mention('U0AGENT1')}: ${fromSlack('<@U0AGENT2> <!here>')}`.text).toBe(
      '*@channel Evil &amp; Co* by <@U0AGENT1>: <@U0AGENT2> @here',
    );
    // A person's text put into an ordinary template by mistake is still escaped.
    expect(`${fromOutside('<!everyone>')}`).toBe('@everyone');
  });

  it('never cuts an entity or a link in half', () => {
    const cut = truncateMrkdwn(mrkdwnOf(fromOutside('ab&&&&&&')), 8);
    expect(cut.text).toBe('ab&amp;…');
    const link = truncateMrkdwn(mrkdwnOf(fromSlack('see <https://a.example/long/path>')), 15);
    expect(link.text).toBe('see…');
  });

  it('splits a long text into pieces within the limit after escaping, losing nothing', () => {
    const text = `${'fish & chips '.repeat(700)}end`;
    const chunks = mrkdwnChunks(fromSlack(text), 3000);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(3000);
    const joined = chunks.map((chunk) => chunk.text.replace(/&amp;/g, '&')).join(' ');
    expect(joined.replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });
});
