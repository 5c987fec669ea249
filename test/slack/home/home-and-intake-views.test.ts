import { describe, expect, it } from 'vitest';
import type { THomeSummary } from '../../../src/core/escalations/home-summary';
import { intakeModal } from '../../../src/slack/escalations/intake-modal';
import { appHomeView } from '../../../src/slack/home/app-home-view';
import { blockText, type TBlock } from '../../support/slack-text';
import {
  ADVOCATE,
  AGENT,
  claimed,
  escalation,
  expectValidView,
  hoursAgo,
  NOW,
  resolved,
  SUPPORT,
  ticket,
} from '../../support/view-data';

const text = (blocks: unknown[]) => blockText(blocks as TBlock[]);
const actionIds = (blocks: unknown[]) =>
  (blocks as TBlock[]).flatMap((block) => block.elements ?? []).flatMap((element) => element.action_id ?? []);

const week = { label: '2026-W48', flagged: 12, claimed: 9, resolved: 7, openNow: 5 };

const advocateHome: THomeSummary = {
  viewerId: ADVOCATE,
  role: 'advocate',
  flagged: [],
  flaggedTotal: 0,
  mine: [claimed(), claimed({ id: 43, severity: 'critical', createdAt: hoursAgo(26) })],
  mineTotal: 2,
  queue: [escalation({ id: 44 }), escalation({ id: 45, severity: 'low', customer: null, customerId: null })],
  queueTotal: 2,
  week,
  medianClaimMs: 5_400_000,
  medianResolveMs: 86_400_000,
  waitingOnEngineering: [
    { id: 3, title: 'Renewals charged twice', status: 'open', ticketsClosedAt: null, tickets: [ticket()] },
  ],
};

describe('the App Home tab', () => {
  it('shows an advocate their escalations, the queue, this week and what waits on engineering', () => {
    const home = appHomeView(advocateHome, NOW);
    expectValidView(home);
    expect(home).toMatchSnapshot();
    // Their own claimed escalation offers Resolve, not "Take over".
    expect(actionIds(home.blocks)).toContain('escalation_resolve');
  });

  it('shows an agent the escalations they flagged and their status, without buttons to act', () => {
    const home = appHomeView(
      {
        ...advocateHome,
        viewerId: AGENT,
        role: 'agent',
        flagged: [escalation(), claimed({ id: 43 }), resolved({ id: 44 })],
        flaggedTotal: 3,
        mine: [],
        mineTotal: 0,
        queue: [],
        queueTotal: 0,
        waitingOnEngineering: [],
      },
      NOW,
      'Slack was slow to answer; this may be a minute old.',
    );
    expectValidView(home);
    expect(home).toMatchSnapshot();
    expect(actionIds(home.blocks).filter((id) => id.startsWith('escalation_'))).toEqual([]);
  });

  it('shows an empty week without medians', () => {
    const home = appHomeView(
      {
        ...advocateHome,
        mine: [],
        mineTotal: 0,
        queue: [],
        queueTotal: 0,
        week: { ...week, flagged: 0, claimed: 0, resolved: 0, openNow: 0 },
        medianClaimMs: null,
        medianResolveMs: null,
        waitingOnEngineering: [],
      },
      NOW,
    );
    expectValidView(home);
    expect(home).toMatchSnapshot();
  });

  it('stays within a home tab’s 100 blocks with hundreds of escalations of 3,000 characters', () => {
    const many = Array.from({ length: 300 }, (_, i) => escalation({ id: i + 1, summary: 'z '.repeat(1500) }));
    const home = appHomeView({ ...advocateHome, mine: many, mineTotal: 300, queue: many, queueTotal: 900 }, NOW);
    expectValidView(home);
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(text(home.blocks)).toMatch(/300|900/);
  });
});

describe('the intake form', () => {
  it('asks for summary, customer, severity (medium first), tags and link', () => {
    const modal = intakeModal({ channelId: SUPPORT });
    expectValidView(modal);
    expect(modal).toMatchSnapshot();
  });

  it('comes prefilled from a message shortcut, mentions shown as words and cut to the field’s 3,000 characters', () => {
    const modal = intakeModal(
      { channelId: SUPPORT, messageTs: '1764064800.000100', responseUrl: 'https://hooks.slack.com/app/T1/2/3' },
      {
        summary: `<@${AGENT}> says ${'the export hangs. '.repeat(300)}`,
        link: 'https://standin.slack.com/archives/C0SUPPORT1/p1764064800000100',
        customer: 'Acme Corp',
      },
    );
    expectValidView(modal);
    const summary = modal.blocks[0] as { element: { initial_value: string } };
    expect(summary.element.initial_value.length).toBeLessThanOrEqual(3000);
    expect(summary.element.initial_value).not.toContain('<@');
    expect(JSON.parse(modal.private_metadata ?? '{}')).toEqual({
      channelId: SUPPORT,
      messageTs: '1764064800.000100',
      responseUrl: 'https://hooks.slack.com/app/T1/2/3',
    });
    expect(modal).toMatchSnapshot();
  });
});
