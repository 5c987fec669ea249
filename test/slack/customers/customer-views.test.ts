import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { TAtRiskCustomer } from '../../../src/core/customers/at-risk';
import type { TAtRiskReason } from '../../../src/core/customers/at-risk-rules';
import type { TCustomerProfile } from '../../../src/core/customers/customer-profile';
import type { TPeriodRetention } from '../../../src/core/customers/retention-report';
import { trusted } from '../../../src/core/shared/text/mrkdwn';
import { atRiskAnnouncementMessage, atRiskBlocks, atRiskListMessage } from '../../../src/slack/customers/at-risk-views';
import { customerMergeMessage, newCustomerNearExisting } from '../../../src/slack/customers/customer-merge-views';
import { customerProfileMessage, unknownCustomerMessage } from '../../../src/slack/customers/customer-profile-view';
import { atRiskReportBlocks, retentionBlocks } from '../../../src/slack/customers/retention-views';
import { message } from '../../../src/slack/kit/block-limits';
import { blockText, type TBlock } from '../../support/slack-text';
import {
  claimed,
  customer,
  daysAgo,
  escalation,
  expectValidMessage,
  NOW,
  resolved,
  theme,
} from '../../support/view-data';

const text = (blocks: unknown[]) => blockText(blocks as TBlock[]);
const asMessage = (blocks: KnownBlock[]) => message(trusted('report'), blocks);

const reasons: TAtRiskReason[] = [
  {
    kind: 'severe-escalation',
    escalations: [
      { id: 42, severity: 'high' },
      { id: 43, severity: 'critical' },
    ],
  },
  { kind: 'detractor', count: 2, latestAt: daysAgo(3) },
  { kind: 'nps-fall', fromWeek: '2026-W45', from: 40, toWeek: '2026-W47', to: -10 },
  { kind: 'themes', themeIds: [3, 5] },
];

const atRisk = (n: number): TAtRiskCustomer => ({
  customer: { id: n, name: `Customer ${n}`, arr: n * 1000, status: 'active', atRiskAnnouncedAt: null },
  reasons,
});

describe('customers at risk', () => {
  it('announces a customer newly at risk with every reason and the buttons to act', () => {
    const announcement = atRiskAnnouncementMessage({ customerId: 7, name: 'Acme Corp', arr: 120_000, reasons });
    expectValidMessage(announcement);
    expect(announcement).toMatchSnapshot();
    expect(text(announcement.blocks)).toContain('Acme Corp');
  });

  it('lists the customers at risk, and keeps 300 of them within 50 blocks', () => {
    const list = atRiskListMessage([atRisk(1), atRisk(2)]);
    expectValidMessage(list);
    expect(list).toMatchSnapshot();
    const long = atRiskListMessage(Array.from({ length: 300 }, (_, i) => atRisk(i + 1)));
    expectValidMessage(long);
    expect(long.blocks.length).toBeLessThanOrEqual(50);
    const capped = atRiskBlocks(
      Array.from({ length: 300 }, (_, i) => atRisk(i + 1)),
      5,
      trusted('more'),
    );
    expect(capped.length).toBeLessThanOrEqual(5);
  });

  it('says so when nobody is at risk', () => {
    const empty = atRiskListMessage([]);
    expectValidMessage(empty);
    expect(empty).toMatchSnapshot();
  });
});

describe('the customer profile', () => {
  const profile: TCustomerProfile = {
    customer: customer({
      atRiskAnnouncedAt: daysAgo(2),
      owner: 'U0ADVOC002',
      tier: 'enterprise',
      renewalAt: new Date(NOW.getTime() + 41 * 86_400_000),
      domains: 'acme.com,acme.io',
    }),
    aliases: ['ACME', 'Acme Corporation'],
    open: [escalation(), claimed({ id: 43, severity: 'critical' })],
    openTotal: 2,
    recent: [resolved({ id: 40, createdAt: daysAgo(20) })],
    themes: [theme()],
    nps: {
      last: [
        { score: 3, respondedAt: daysAgo(3), comment: 'Billing is a mess' },
        { score: 9, respondedAt: daysAgo(40), comment: null },
      ],
      current: { score: -10, responses: 4 },
      previous: { score: 40, responses: 5 },
    },
    csat: { last: [], current: { score: null, responses: 0 }, previous: { score: null, responses: 0 } },
    latestDetractor: { kind: 'nps', score: 3, comment: 'Billing is a mess', respondedAt: daysAgo(3) },
    atRisk: reasons,
    channels: ['C0ACMESHARED'],
    now: NOW,
  };

  it('shows standing, account facts, risk, open escalations, themes and scores', () => {
    const shown = customerProfileMessage(profile);
    expectValidMessage(shown);
    const account = JSON.stringify(shown.blocks[2]);
    for (const expected of [
      '*Owner:* <@U0ADVOC002>',
      '*Tier:* enterprise',
      '*ARR:* $120,000',
      'renews in 41 days',
      'acme.com, acme.io',
      '<#C0ACMESHARED>',
    ])
      expect(account).toContain(expected);
    expect(shown).toMatchSnapshot();
    expect(shown.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Acme Corp' } });
  });

  it('shows a quiet customer with nothing recorded yet', () => {
    const quiet = customerProfileMessage({
      ...profile,
      customer: customer({ status: 'unknown', statusSince: null, arr: null, atRiskAnnouncedAt: null }),
      aliases: [],
      open: [],
      openTotal: 0,
      recent: [],
      themes: [],
      nps: profile.csat,
      latestDetractor: null,
      atRisk: [],
    });
    expectValidMessage(quiet);
    expect(quiet).toMatchSnapshot();
  });

  it('keeps a 200-character name within the 150-character header', () => {
    const long = customerProfileMessage({ ...profile, customer: customer({ name: 'N'.repeat(200) }) });
    expectValidMessage(long);
  });

  it('offers the closest names for an unknown one, or says there are none', () => {
    const close = unknownCustomerMessage('Acme', ['Acme Corp', 'Acme Labs']);
    expectValidMessage(close);
    expect(close).toMatchSnapshot();
    const none = unknownCustomerMessage('Zzyzx', []);
    expectValidMessage(none);
    expect(none).toMatchSnapshot();
  });
});

describe('retention and merges', () => {
  const period = (label: string, overrides: Partial<TPeriodRetention['retention']> = {}): TPeriodRetention => ({
    retention: {
      period: { start: daysAgo(30), end: NOW, label },
      activeAtStart: 40,
      activeAtEnd: 41,
      becameActive: 3,
      rate: 95,
      lost: [9, 10],
      joinedAndLeft: [11],
      churnedAt: new Map([
        [9, daysAgo(10)],
        [10, daysAgo(5)],
        [11, daysAgo(2)],
      ]),
      revenue: { startArr: 1_000_000, endArr: 1_050_000, rate: 105, customersWithArr: 38 },
      ...overrides,
    },
    lostNames: ['Initech', 'Umbrella'],
    joinedAndLeftNames: ['Hooli'],
    warning: { churned: 3, withEscalation: 2, withDetractor: 1, withBoth: 1, withNeither: 1 },
  });

  it('reports the month and the quarter, with who churned and what warned of it', () => {
    const blocks = retentionBlocks({
      month: period('November 2026'),
      quarter: period('2026-Q3', { rate: null, activeAtStart: 0, revenue: null }),
    });
    expectValidMessage(asMessage(blocks));
    expect(blocks).toMatchSnapshot();
  });

  it('lists the customers at risk in the weekly report within the blocks it is given', () => {
    const blocks = atRiskReportBlocks(
      Array.from({ length: 12 }, (_, i) => atRisk(i + 1)),
      4,
    );
    expect(blocks.length).toBeLessThanOrEqual(4);
    expectValidMessage(asMessage(blocks));
    expect(blocks).toMatchSnapshot();
  });

  it('confirms a merge, says when it was already done, and offers one for a near-duplicate name', () => {
    const merged = customerMergeMessage({
      alias: customer({ id: 9, name: 'ACME', nameKey: 'acme' }),
      target: customer(),
      alreadyMerged: false,
      moved: { escalations: 3, surveyResponses: 1, lifecycleEvents: 0, timelineEntries: 4 },
    });
    expectValidMessage(merged);
    expect(merged).toMatchSnapshot();
    const again = customerMergeMessage({
      alias: customer({ id: 9, name: 'ACME', nameKey: 'acme' }),
      target: customer(),
      alreadyMerged: true,
      moved: { escalations: 0, surveyResponses: 0, lifecycleEvents: 0, timelineEntries: 0 },
    });
    expectValidMessage(again);
    expect(again).toMatchSnapshot();
    const near = newCustomerNearExisting('Acme Crop', 'Acme Corp');
    expectValidMessage(asMessage([near]));
    expect(near).toMatchSnapshot();
  });
});
