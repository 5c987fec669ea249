import { describe, expect, it } from 'vitest';
import type { TOpenDigestState } from '../../../src/core/digests/open-digest-state';
import type { TDigestEscalation } from '../../../src/core/escalations/escalations-repository-digest';
import { trusted } from '../../../src/core/shared/text/mrkdwn';
import type { TSurveyReport } from '../../../src/core/surveys/survey-report';
import type { TListedResponse } from '../../../src/core/surveys/surveys-repository';
import type { TKindFigures, TWeekFigures } from '../../../src/core/surveys/weekly-figures';
import { digestRunAnswer, subscribeAnswer, unsubscribeAnswer } from '../../../src/slack/digests/digest-answers';
import { paginateDigest } from '../../../src/slack/digests/digest-pages';
import { npsReportMessage } from '../../../src/slack/digests/nps-report';
import { openDigestMessages, type TOpenDigestView } from '../../../src/slack/digests/open-digest-view';
import { section } from '../../../src/slack/kit/block-limits';
import {
  detractorOpenedText,
  detractorsWithoutAdvocateBlocks,
  withDetractorHandled,
} from '../../../src/slack/surveys/survey-detractors';
import { surveyRecordedMessage } from '../../../src/slack/surveys/survey-recorded';
import { blockText, type TBlock } from '../../support/slack-text';
import {
  ADVOCATE,
  ADVOCATE2,
  ADVOCATES,
  daysAgo,
  escalation,
  expectValidMessage,
  hoursAgo,
  NOW,
  SUPPORT,
} from '../../support/view-data';

const text = (blocks: unknown[]) => blockText(blocks as TBlock[]);

const digestEscalation = (id: number, severity: string, ageHours: number): TDigestEscalation => ({
  id,
  severity,
  status: 'open',
  summary: `Problem number ${id} for the customer`,
  ownerId: null,
  createdAt: hoursAgo(ageHours),
  cardChannelId: ADVOCATES,
  cardTs: `17640${id}.000100`,
  postState: 'posted',
  customer: id % 2 ? { name: 'Acme Corp' } : null,
});

function digestState(unclaimed: number): TOpenDigestState {
  return {
    now: NOW,
    timeZone: 'Europe/Berlin',
    totals: [
      { severity: 'critical', open: 1, claimed: 0 },
      { severity: 'high', open: 1, claimed: 1 },
      { severity: 'medium', open: unclaimed - 2, claimed: 2 },
    ],
    openCount: unclaimed,
    claimedCount: 3,
    unclaimed: Array.from({ length: unclaimed }, (_, i) => ({
      escalation: digestEscalation(i + 1, i === 0 ? 'critical' : i === 1 ? 'high' : 'medium', 30 - i),
      overdue: i < 2,
    })),
    unlistedUnclaimed: [],
    holdings: [
      { ownerId: ADVOCATE, count: 2, escalationIds: [40, 41] },
      { ownerId: ADVOCATE2, count: 1, escalationIds: [39] },
    ],
    timeToClaim: { recent: 5_400_000, recentCount: 4, previous: 86_400_000, previousCount: 1 },
    timeToResolve: { recent: 86_400_000, recentCount: 1, previous: null, previousCount: 0 },
  };
}

const digestView = (state: TOpenDigestState, overrides: Partial<TOpenDigestView> = {}): TOpenDigestView => ({
  state,
  changes: { since: daysAgo(1), flagged: { count: 2, ids: [1, 2] }, resolved: { count: 1, ids: [38] } },
  cardLink: (e) =>
    e.cardTs ? `https://standin.slack.com/archives/${e.cardChannelId}/p${e.cardTs.replace('.', '')}` : null,
  extraSections: [],
  ...overrides,
});

describe('the open digest', () => {
  it('shows totals, what changed, medians, the unclaimed queue with links and who holds what', () => {
    const messages = openDigestMessages(digestView(digestState(4)));
    expect(messages).toHaveLength(1);
    for (const part of messages) expectValidMessage(part);
    expect(messages).toMatchSnapshot();
    expect(text(messages[0]!.blocks)).toContain(`<@${ADVOCATE}>`);
  });

  it('says it is the first digest in a channel, and that nothing is open when nothing is', () => {
    const first = openDigestMessages(
      digestView(digestState(3), {
        changes: { since: null, flagged: { count: 0, ids: [] }, resolved: { count: 0, ids: [] } },
      }),
    );
    expect(text(first[0]!.blocks)).toContain('First digest here');
    const empty = openDigestMessages(
      digestView(
        { ...digestState(2), totals: [], openCount: 0, claimedCount: 0, unclaimed: [], holdings: [] },
        { changes: { since: daysAgo(1), flagged: { count: 0, ids: [] }, resolved: { count: 3, ids: [1, 2, 3] } } },
      ),
    );
    for (const part of empty) expectValidMessage(part);
    expect(empty).toMatchSnapshot();
  });

  it('stays within Slack’s limits with 1,000 unclaimed and long extra sections, split into messages of 50 blocks', () => {
    const extra = Array.from({ length: 80 }, (_, i) => section(trusted(`extra ${i} ${'y'.repeat(2900)}`)));
    const messages = openDigestMessages(digestView(digestState(1000), { extraSections: [extra] }));
    expect(messages.length).toBeGreaterThan(1);
    for (const part of messages) {
      expectValidMessage(part);
      expect(part.blocks.length).toBeLessThanOrEqual(50);
    }
    expect(messages[1]?.text).toMatch(/continued \(part 2 of \d\)/);
  });

  it('pages any digest the same way: one message up to 50 blocks, a "continued" line on later ones', () => {
    const pages = paginateDigest(
      Array.from({ length: 52 }, (_, i) => section(trusted(`line ${i}`))),
      trusted('Digest'),
      'Digest',
    );
    expect(pages.map((page) => page.blocks.length)).toEqual([50, 3]);
    expect(pages[1]).toMatchSnapshot();
  });
});

describe('answers to /advocate digest and subscribe', () => {
  it('answers every outcome of a digest run', () => {
    const outcomes = ['sent', 'dry-run', 'already-sent', 'busy', 'unreachable', 'failed'] as const;
    const answers = outcomes.map((outcome) =>
      digestRunAnswer({ title: 'open-escalations digest', channelId: SUPPORT, outcome, reason: 'not_in_channel' }),
    );
    for (const answer of answers) expectValidMessage(answer);
    expect(answers).toMatchSnapshot();
  });

  it('answers subscribing and unsubscribing a channel', () => {
    const details = {
      title: 'open-escalations digest',
      kind: 'open',
      channelId: SUPPORT,
      cron: '0 9 * * 1-5',
      timeZone: 'Europe/Berlin',
      next: new Date('2026-11-26T08:00:00Z'),
    };
    const answers = [
      subscribeAnswer('subscribed', details),
      subscribeAnswer('subscribed', { ...details, cannotPost: true }),
      subscribeAnswer('already-subscribed', details),
      subscribeAnswer('advocate-channel', { ...details, channelId: ADVOCATES }),
      unsubscribeAnswer('unsubscribed', details),
      unsubscribeAnswer('not-subscribed', details),
      unsubscribeAnswer('advocate-channel', { ...details, channelId: ADVOCATES }),
    ];
    for (const answer of answers) expectValidMessage(answer);
    expect(answers).toMatchSnapshot();
  });
});

const figures = (kind: 'nps' | 'csat', promoters: number, passives: number, detractors: number): TKindFigures => {
  const responses = promoters + passives + detractors;
  const score =
    responses === 0
      ? null
      : kind === 'nps'
        ? Math.round(((promoters - detractors) / responses) * 100)
        : Math.round((promoters / responses) * 100);
  return { kind, promoters, passives, detractors, responses, score };
};

const week = (n: number, nps: TKindFigures, csat: TKindFigures): TWeekFigures => ({
  week: {
    start: new Date(Date.UTC(2026, 10, 23 - 7 * (8 - n))),
    end: new Date(Date.UTC(2026, 10, 30 - 7 * (8 - n))),
    label: `2026-W${40 + n}`,
  },
  nps,
  csat,
});

function surveyReport(partial: boolean): TSurveyReport {
  const trend = Array.from({ length: 8 }, (_, i) =>
    week(i + 1, figures('nps', 10 + i, 5, 4), figures('csat', 20, 3, i % 3)),
  );
  const current = trend[7]!;
  return {
    week: current.week,
    partial,
    trend,
    current,
    previous: trend[6]!,
    worstComments: [
      { kind: 'nps', score: 0, comment: 'Double charged again', customer: 'Acme Corp', respondedAt: daysAgo(2) },
      { kind: 'csat', score: 1, comment: 'Support took a week', customer: 'Globex', respondedAt: daysAgo(3) },
    ],
    perCustomer: [
      { customer: 'Acme Corp', responses: 6, score: -33, promoters: 1, passives: 1, detractors: 3 },
      { customer: 'Globex', responses: 5, score: 60, promoters: 3, passives: 2, detractors: 0 },
    ],
    perCustomerTotal: 2,
    perCustomerWindow: { start: daysAgo(56), end: NOW },
  };
}

describe('the weekly NPS & CSAT report', () => {
  it('shows both scores against last week, the worst comments and NPS per customer', () => {
    const report = npsReportMessage(surveyReport(false), { timeZone: 'Europe/Berlin', chartFollows: true });
    expectValidMessage(report);
    expect(report).toMatchSnapshot();
  });

  it('says a week in progress is not over, and that a week without responses has no score', () => {
    const quiet = surveyReport(true);
    const empty = week(8, figures('nps', 0, 0, 0), figures('csat', 0, 0, 0));
    const report = npsReportMessage(
      {
        ...quiet,
        trend: [...quiet.trend.slice(0, 7), empty],
        current: empty,
        worstComments: [],
        perCustomer: [],
        perCustomerTotal: 0,
      },
      { timeZone: 'UTC', chartFollows: false },
    );
    expectValidMessage(report);
    expect(report).toMatchSnapshot();
    expect(report.blocks[0]).toMatchObject({ type: 'header', text: { text: 'NPS & CSAT · 2026-W48 so far' } });
  });
});

const listed = (id: number, score: number, comment: string | null): TListedResponse => ({
  id,
  kind: 'nps',
  score,
  comment,
  respondedAt: daysAgo(id),
  customerId: 7,
  escalationId: null,
  customer: { id: 7, name: id % 2 ? 'Acme Corp' : 'Globex' },
});

describe('detractors and recorded responses', () => {
  it('lists detractors nobody follows, each with a button to open an escalation', () => {
    const blocks = detractorsWithoutAdvocateBlocks({
      total: 5,
      responses: [listed(1, 2, 'Invoices are wrong'), listed(2, 5, null)],
      since: daysAgo(30),
    });
    expectValidMessage({ text: 'detractors', blocks });
    expect(blocks).toMatchSnapshot();
  });

  it('takes the button off a handled detractor and says where it went', () => {
    const blocks = detractorsWithoutAdvocateBlocks({
      total: 1,
      responses: [listed(1, 2, 'Invoices')],
      since: daysAgo(30),
    });
    const handled = withDetractorHandled(blocks, 1, '→ ADV-42');
    expect(JSON.stringify(handled)).not.toContain('detractor_open_escalation');
    expect(text(handled ?? [])).toContain('→ ADV-42');
    expect(withDetractorHandled(blocks, 99, 'x')).toBeNull();
  });

  it('answers the detractor button for each outcome', () => {
    const answers = (['created', 'attached', 'already-linked'] as const).map((kind) =>
      detractorOpenedText({ kind, escalation: escalation() }),
    );
    expect(answers).toMatchSnapshot();
  });

  it('confirms a recorded response, and where a detractor went', () => {
    const response = {
      id: 5,
      kind: 'nps',
      score: 3,
      customerId: 7,
      comment: 'Billing is a mess',
      respondedAt: NOW,
      externalId: null,
      source: 'manual',
      recordedById: ADVOCATE,
      escalationId: 42,
      createdAt: NOW,
    };
    const answers = [
      surveyRecordedMessage({ response, customerName: 'Acme Corp', bridgedTo: 42, customerCreated: false }),
      surveyRecordedMessage({
        response: { ...response, escalationId: null },
        customerName: 'Acme Corp',
        bridgedTo: null,
        customerCreated: false,
      }),
      surveyRecordedMessage({
        response: { ...response, score: 10, comment: null, escalationId: null },
        customerName: 'Globex',
        bridgedTo: null,
        customerCreated: true,
      }),
    ];
    for (const answer of answers) expectValidMessage(answer);
    expect(answers).toMatchSnapshot();
  });
});
