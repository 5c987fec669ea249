import { describe, expect, it } from 'vitest';
import type { TEscalationEvent } from '../../src/core/shared/outbox/outbox-messages';
import { atRiskAnnouncementMessage } from '../../src/slack/customers/at-risk-views';
import { atRiskCrowdLine } from '../../src/slack/customers/customer-notices';
import { digestUnreachableNotice } from '../../src/slack/digests/digest-notices';
import { escalationEventLine, reporterNotice, slaReminderLine } from '../../src/slack/escalations/escalation-events';
import { escalationNoteLine } from '../../src/slack/escalations/escalation-notes';
import { themeEventLine, themeEventMessage, themeResolvedNotice } from '../../src/slack/themes/theme-events';

const HOSTILE = 'Ben & <!channel> <https://evil.example|bank> <@U0BOSS>';
const event = (type: TEscalationEvent['type'], from: string | null, to: string | null): TEscalationEvent => ({
  type,
  actorId: 'UADV1',
  via: 'reaction',
  from,
  to,
});

/** Text that can reach Slack without notifying a channel or hiding where a link goes. */
function expectDefused(text: string) {
  expect(text).not.toContain('<!channel>');
  expect(text).not.toContain('|bank>');
  expect(text).toContain('&amp;');
}

describe('the words of escalation events', () => {
  it('says who changed what, and how', () => {
    expect(escalationEventLine(event('claimed', 'open', 'claimed')).text).toBe(
      ':eyes: <@UADV1> claimed this (now claimed) _(reaction)_',
    );
    expect(escalationEventLine(event('reassigned', 'UADV2', 'UADV1')).text).toBe(
      ':eyes: <@UADV1> took this over from <@UADV2> _(reaction)_',
    );
    expect(escalationEventLine(event('resolved', 'claimed', 'resolved')).text).toBe(
      ':white_check_mark: <@UADV1> resolved this (now resolved) _(reaction)_',
    );
    expect(escalationEventLine(event('reopened', 'resolved', 'claimed')).text).toBe(
      ':leftwards_arrow_with_hook: <@UADV1> reopened this (now claimed) _(reaction)_',
    );
    expect(escalationEventLine(event('severity_raised', 'medium', 'high')).text).toBe(
      ':arrow_double_up: <@UADV1> raised the severity medium → high _(reaction)_',
    );
  });

  it('tells the reporter, with their summary cut to 80 characters and made harmless', () => {
    const notice = (type: TEscalationEvent['type'], summary: string) =>
      reporterNotice({ escalationId: 4, summary, event: event(type, null, null) }).text;
    expect(notice('claimed', 'Invoices are wrong')).toBe(
      'Your escalation *ADV-4* “Invoices are wrong” was claimed by <@UADV1>.',
    );
    expect(notice('resolved', 'x')).toContain('was resolved by <@UADV1>');
    expect(notice('reopened', 'x')).toContain('was reopened by <@UADV1>');
    expect(notice('claimed', 'a'.repeat(100))).toContain(`“${'a'.repeat(79)}…”`);
    expectDefused(notice('claimed', HOSTILE));
  });

  it('reminds the advocates of an unclaimed escalation past its limit', () => {
    const reminder = { severity: 'high', ageMs: 9 * 3_600_000, limitMs: 4 * 3_600_000, mention: '<!here>' };
    expect(slaReminderLine(4, { ...reminder, breaches: 1 }).text).toBe(
      ':alarm_clock: <!here> *ADV-4* (high) has been unclaimed for 9h, past its 4h limit. Claim it with :eyes: or the Claim button.',
    );
    expect(slaReminderLine(4, { ...reminder, breaches: 2 }).text).toContain('9h, 2× its 4h limit.');
  });
});

describe('the words of escalation notes', () => {
  const theme = { id: 3, title: HOSTILE };

  it('quotes a theme resolution note line by line, defused', () => {
    const line = (resolvedNow: boolean) =>
      escalationNoteLine(4, {
        type: 'theme_resolved',
        theme,
        actorId: 'UADV1',
        note: `Fixed it.\n${HOSTILE}`,
        resolvedNow,
      }).text;
    expect(line(true)).toMatch(
      /^:white_check_mark: <@UADV1> resolved this with theme \*THM-3\* “.*”:\n> Fixed it\.\n> /,
    );
    expect(line(false)).toMatch(/^:white_check_mark: Theme \*THM-3\* “.*” was resolved by <@UADV1>:\n> Fixed it\./);
    expectDefused(line(true));
  });

  it('says a card was linked to or moved between themes', () => {
    const linked = (fromThemeId: number | null) =>
      escalationNoteLine(4, { type: 'theme_linked', theme, actorId: 'UADV1', fromThemeId }).text;
    expect(linked(null)).toMatch(/^:link: <@UADV1> linked this to theme \*THM-3\* “/);
    expect(linked(1)).toMatch(/^:link: <@UADV1> moved this from THM-1 to theme \*THM-3\* “/);
    expectDefused(linked(null));
  });

  it('names a customer at risk without letting its name mention anyone', () => {
    const text = escalationNoteLine(4, { type: 'customer_at_risk', customerName: HOSTILE }).text;
    expect(text).toContain('is now at risk: this is its open high/critical escalation.');
    expectDefused(text);
    expect(text).not.toContain('<@U0BOSS>'); // a CRM's name is outside text: no mentions
  });

  it('says many detractor responses for one escalation in one line', () => {
    const line = escalationNoteLine(4, {
      type: 'detractors_joined',
      customerName: 'Initrode',
      count: 12,
      scores: ['NPS 2', 'NPS 0'],
      latestComment: HOSTILE,
    }).text;
    expect(line).toMatch(/^:speech_balloon: 12 new detractor responses from \*Initrode\* \(NPS 2, NPS 0, …\) “/);
    expectDefused(line);
  });

  it('joins a detractor response to the thread, comment defused', () => {
    const joined = escalationNoteLine(4, {
      type: 'detractor_joined',
      customerName: 'Acme',
      survey: 'nps',
      score: 3,
      comment: HOSTILE,
      recordedById: 'UADV2',
    }).text;
    expect(joined).toMatch(
      /^:speech_balloon: New detractor response from \*Acme\*: NPS 3 “.*” \(recorded by <@UADV2>\)/,
    );
    expect(joined).toContain("— added to ADV-4's timeline.");
    expectDefused(joined);
    expect(joined).not.toContain('<@U0BOSS>');
    const added = escalationNoteLine(4, {
      type: 'detractor_added',
      actorId: 'UADV1',
      survey: 'csat',
      score: 2,
      comment: null,
    }).text;
    expect(added).toBe(':speech_balloon: <@UADV1> added a detractor response from this customer: CSAT 2');
  });
});

describe('the words of theme events', () => {
  it('counts the threads and agents a resolution told', () => {
    expect(themeEventLine({ type: 'resolved', actorId: 'UADV1', threads: 1, agents: 2 }).text).toBe(
      ':white_check_mark: <@UADV1> resolved this theme. The note went to 1 escalation thread and 2 agents.',
    );
  });

  it('lists escalations linked, moved in and moved away', () => {
    expect(
      themeEventLine({ type: 'escalations_linked', actorId: 'UADV1', escalationIds: [1, 2], movedFromThemeIds: [] })
        .text,
    ).toBe(':link: <@UADV1> linked ADV-1 and ADV-2');
    expect(
      themeEventLine({
        type: 'escalations_linked',
        actorId: 'UADV1',
        escalationIds: [1, 2, 3],
        movedFromThemeIds: [5, 5],
      }).text,
    ).toBe(':link: <@UADV1> linked ADV-1, ADV-2 and ADV-3 (moved from THM-5)');
    const away = themeEventLine({
      type: 'escalations_moved_away',
      actorId: 'UADV1',
      escalationIds: [2],
      to: { id: 6, title: HOSTILE },
    }).text;
    expect(away).toMatch(/^:twisted_rightwards_arrows: <@UADV1> moved ADV-2 to \*THM-6\* “/);
    expectDefused(away);
  });

  it('tells an agent which of their escalations the resolution covers, counting those not listed', () => {
    const text = themeResolvedNotice({
      kind: 'theme.resolved.notice',
      userId: 'UAGENT',
      theme: { id: 3, title: 'Billing' },
      actorId: 'UADV1',
      note: HOSTILE,
      escalations: [
        { id: 1, summary: HOSTILE, resolvedNow: true },
        { id: 2, summary: 'Second', resolvedNow: false },
      ],
      total: 5,
    });
    expect(text.split('\n').slice(0, 1)).toEqual([
      ':white_check_mark: Theme *THM-3* “Billing” was resolved by <@UADV1>. It covers your 5 escalations:',
    ]);
    expect(text).toContain('• *ADV-2* “Second” (already resolved)\n…and 3 more.\n*Resolution*\n> ');
    expect(text).toMatch(/• \*ADV-1\* “.*” is now resolved/);
    expectDefused(text);
  });

  it('follows the tickets of a theme: linked, unlinked, changed, reopened', () => {
    const ticket = { url: 'https://github.com/acme/app/issues/7', label: 'acme/app#7' };
    const link = '<https://github.com/acme/app/issues/7|acme/app#7>';
    expect(themeEventLine({ type: 'ticket_linked', actorId: 'UADV1', ticket }).text).toBe(
      `:link: <@UADV1> linked ticket ${link}`,
    );
    expect(themeEventLine({ type: 'ticket_unlinked', actorId: 'UADV1', ticket }).text).toBe(
      `:heavy_minus_sign: <@UADV1> unlinked ticket ${link}`,
    );
    expect(themeEventLine({ type: 'ticket_state', ticket, state: 'closed', source: 'github' }).text).toBe(
      `:arrows_counterclockwise: ${link} is now *closed* (GitHub)`,
    );
    expect(themeEventLine({ type: 'fix_reopened', ticket, state: 'open' }).text).toMatch(
      /^:warning: Fix reopened: <.*> is open again, so not every linked ticket is closed\./,
    );
    expect(themeEventLine({ type: 'reopened_after_resolve', ticket, source: 'jira' }).text).toContain(
      `${link} was reopened in Jira after this theme was resolved.`,
    );
    const hostile = themeEventLine({
      type: 'ticket_linked',
      actorId: 'UADV1',
      ticket: { url: 'https://x.example/?a=1&b=<!channel>', label: 'a|b <!channel>' },
    }).text;
    expect(hostile).not.toContain('<!channel>');
    expect(hostile).toContain('&amp;');
  });
});

describe('the prompt when every linked ticket is closed', () => {
  it('asks in the thread whether to resolve, with one button that opens the resolution', () => {
    const prompt = themeEventMessage({
      type: 'tickets_closed',
      theme: { id: 3, title: 'Billing' },
      customers: 1,
      agents: 2,
    });
    expect(prompt.text).toBe(
      ':white_check_mark: All linked tickets of *THM-3* “Billing” are closed — resolve and tell the 1 customer?',
    );
    const blocks = JSON.stringify(prompt.blocks);
    expect(blocks).toContain('resolve THM-3 and tell the 1 customer?');
    expect(blocks).toContain('to the 2 agents who flagged them');
    expect(blocks).toContain('"value":"{\\"themeId\\":3}"');
  });

  it('keeps a hostile theme title harmless', () => {
    const prompt = themeEventMessage({
      type: 'tickets_closed',
      theme: { id: 3, title: HOSTILE },
      customers: 2,
      agents: 1,
    });
    expect(prompt.text).toMatch(/are closed — resolve and tell the 2 customers\?$/);
    expectDefused(prompt.text);
    expect(JSON.stringify(prompt.blocks)).not.toContain('<!channel>');
  });

  it('is a plain line for every other theme event', () => {
    expect(themeEventMessage({ type: 'resolved', actorId: 'UADV1', threads: 1, agents: 1 }).blocks).toBeUndefined();
  });
});

describe('the words of customers at risk', () => {
  it('announces one customer with its reasons, its name made harmless', () => {
    const announcement = atRiskAnnouncementMessage({
      customerId: 7,
      name: HOSTILE,
      arr: null,
      reasons: [{ kind: 'themes', themeIds: [1, 4] }],
    });
    expect(announcement.text).toMatch(/ is now at risk: in 2 open themes: THM-1, THM-4$/);
    expectDefused(announcement.text);
    expect(JSON.stringify(announcement.blocks)).not.toContain('<!channel>');
  });

  it('names a crowd of customers in one message, counting those not named', () => {
    expect(atRiskCrowdLine({ names: ['Acme', 'Initech'], total: 2 }).text).toBe(
      ':rotating_light: 2 more customers became at risk: Acme, Initech. `/advocate customer at-risk` lists them with their reasons.',
    );
    const crowd = atRiskCrowdLine({ names: ['Acme', HOSTILE], total: 40 }).text;
    expect(crowd).toContain(':rotating_light: 40 more customers became at risk: Acme, ');
    expect(crowd).toContain(' and 38 more. `/advocate customer at-risk`');
    expectDefused(crowd);
  });
});

describe('the DM about a digest that could not be posted', () => {
  it('says which digest, where and why, and how to fix or stop it', () => {
    expect(digestUnreachableNotice({ digest: 'open', channelId: 'C0GHOST', reason: 'channel_not_found' }).text).toBe(
      ":warning: I couldn't post the open-escalations digest to <#C0GHOST> (channel_not_found), so it was skipped there. " +
        'Invite me with `/invite @Advocate` in that channel, or run `/advocate unsubscribe open` there to stop it.',
    );
    expect(digestUnreachableNotice({ digest: 'nps', channelId: 'C1', reason: 'not_in_channel' }).text).toContain(
      'the NPS/CSAT digest to <#C1>',
    );
  });

  it('keeps an error message from outside harmless', () => {
    expectDefused(digestUnreachableNotice({ digest: 'open', channelId: 'C1', reason: HOSTILE }).text);
  });
});
