import { describe, expect, it } from 'vitest';
import { usageMessage } from '../../../src/slack/commands/usage';
import { escalationCard } from '../../../src/slack/escalations/escalation-card';
import {
  escalationDetailMessage,
  escalationListMessage,
  fullSummaryThreadMessages,
} from '../../../src/slack/escalations/escalation-list';
import { flagConfirmation } from '../../../src/slack/escalations/flag-confirmation';
import { onlyAdvocatesMessage } from '../../../src/slack/kit/only-advocates';
import { blockText, type TBlock } from '../../support/slack-text';
import {
  ADVOCATE,
  ADVOCATES,
  claimed,
  escalation,
  expectValidMessage,
  hoursAgo,
  NOW,
  resolved,
  theme,
  timelineEntry,
} from '../../support/view-data';

const text = (blocks: unknown[]) => blockText(blocks as TBlock[]);
const buttonsOf = (blocks: unknown[]) =>
  (blocks as TBlock[])
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements ?? [])
    .map((element) => element.action_id);

describe('the escalation card', () => {
  it('shows an open escalation with its customer, severity, tags, reporter and source, and Claim first', () => {
    const card = escalationCard(escalation());
    expectValidMessage(card);
    expect(card).toMatchSnapshot();
    expect(buttonsOf(card.blocks)).toEqual([
      'escalation_claim',
      'escalation_resolve',
      'escalation_raise',
      'customer_profile',
      'escalation_wait',
    ]);
  });

  it('shows who claimed it, offers "Take over", and stops offering Raise once critical', () => {
    const card = escalationCard(claimed({ severity: 'critical', theme: theme() }));
    expectValidMessage(card);
    expect(card).toMatchSnapshot();
    expect(text(card.blocks)).toContain(`claimed by <@${ADVOCATE}>`);
    expect(buttonsOf(card.blocks)).not.toContain('escalation_raise');
  });

  it('offers only Reopen (and the customer) once resolved, and says when', () => {
    const card = escalationCard(resolved({ customer: null, customerId: null, tags: [], sourceLink: null }));
    expectValidMessage(card);
    expect(card).toMatchSnapshot();
    expect(buttonsOf(card.blocks)).toEqual(['escalation_reopen']);
  });

  it('cuts a pasted 40,000-character email to Slack’s 3,000 and a long first line to a 150-character header', () => {
    const summary = `${'Customer wrote: '.repeat(20)}\n${'the export fails again and again. '.repeat(1200)}`;
    const card = escalationCard(escalation({ summary }));
    expectValidMessage(card);
    const [headerBlock, summaryBlock] = card.blocks as TBlock[];
    expect(headerBlock?.text?.text.length).toBeLessThanOrEqual(150);
    expect(headerBlock?.text?.text).toMatch(/^ADV-42 · Customer wrote:/);
    expect(summaryBlock?.text?.text.length).toBeLessThanOrEqual(3000);
    expect(summaryBlock?.text?.text).toContain('`/advocate show ADV-42` has the full text');
  });
});

describe('lists and details', () => {
  const list = [
    escalation(),
    claimed({ id: 43, severity: 'critical', createdAt: hoursAgo(30) }),
    escalation({ id: 44, severity: 'low', customer: null, customerId: null, postState: 'failed' }),
  ];

  it('lists escalations one line each, with age, severity, status, owner and customer', () => {
    const answer = escalationListMessage(list, 3, NOW);
    expectValidMessage(answer);
    expect(answer).toMatchSnapshot();
    expect(text(answer.blocks)).toContain('card not posted yet');
  });

  it('keeps a long list within 50 blocks of 3,000 characters and says how many it left out', () => {
    const many = Array.from({ length: 400 }, (_, i) => escalation({ id: i + 1, summary: `${'x'.repeat(140)} ${i}` }));
    const answer = escalationListMessage(many, 1000, NOW);
    expectValidMessage(answer);
    expect(answer.blocks.length).toBeLessThanOrEqual(50);
    expect(text(answer.blocks)).toMatch(/Showing the first 400 of 1000|sections not shown/);
  });

  it('shows one escalation with its timeline', () => {
    const timeline = [
      timelineEntry(),
      timelineEntry({ id: 2, actorId: ADVOCATE, action: 'claimed', via: 'reaction', createdAt: hoursAgo(2) }),
      timelineEntry({
        id: 3,
        actorId: ADVOCATE,
        action: 'severity',
        fromValue: 'medium',
        toValue: 'high',
        via: 'button',
        createdAt: hoursAgo(1),
      }),
    ];
    const detail = escalationDetailMessage(claimed(), timeline);
    expectValidMessage(detail);
    expect(detail).toMatchSnapshot();
  });

  it('posts a summary too long for one message as several thread messages, each valid', () => {
    const summary = 'A very long customer email. '.repeat(1500);
    const messages = fullSummaryThreadMessages(escalation({ summary }));
    expect(messages.length).toBeGreaterThan(1);
    for (const part of messages) expectValidMessage(part);
    expect(
      messages
        .map((part) => text(part.blocks))
        .join('')
        .replace(/\s+/g, ' '),
    ).toContain('A very long customer email. A very long customer email.');
  });
});

describe('answers to the reporter and to everyone else', () => {
  it('confirms a flag with a link to its card', () => {
    const answer = flagConfirmation(
      escalation(),
      'https://standin.slack.com/archives/C0ADVOCATE/p1764064860000200',
      ADVOCATES,
    );
    expectValidMessage(answer);
    expect(answer).toMatchSnapshot();
  });

  it('says the escalation is saved when its card could not be posted yet, and why', () => {
    const answer = flagConfirmation(
      escalation({ postState: 'failed', lastPostError: 'not_in_channel', cardTs: null }),
      null,
      ADVOCATES,
    );
    expectValidMessage(answer);
    expect(answer).toMatchSnapshot();
    expect(answer.text).toContain('is saved');
  });

  it('tells someone who is not an advocate who is', () => {
    const answer = onlyAdvocatesMessage('members of <!subteam^S0ADVOCATE>', 'claim escalations');
    expectValidMessage(answer);
    expect(answer).toMatchSnapshot();
  });

  it('shows the usage, and a problem with the line for its sub-command', () => {
    const help = usageMessage();
    expectValidMessage(help);
    expect(help).toMatchSnapshot();
    const problem = usageMessage('`ADV-x` is not an escalation ID.', 'claim');
    expectValidMessage(problem);
    expect(problem).toMatchSnapshot();
  });
});
