import type { TTransitionKind } from '../../core/escalations/escalation-lifecycle';
import type { TSeverity } from '../../core/escalations/escalation-vocabulary';

export type TSampleRole = 'agent1' | 'agent2' | 'advocate1' | 'advocate2';

export interface TSampleEscalation {
  /** What the agent wrote in #support before flagging it. */
  conversation: string;
  summary: string;
  customer: string;
  severity: TSeverity;
  tags: string[];
  reporter: TSampleRole;
  flaggedHoursAgo: number;
  /** Lifecycle steps after flagging, oldest first; their hours are before "now" too. */
  steps: Array<{ kind: TTransitionKind; by: TSampleRole; hoursAgo: number; via: 'reaction' | 'button' }>;
  /** Linked into the sample theme. */
  inTheme?: boolean;
}

/** Three open, three claimed, two resolved; three customers' billing escalations make the theme. */
export const SAMPLE_ESCALATIONS: TSampleEscalation[] = [
  {
    conversation: 'Acme Corp says they were charged twice after switching to annual billing (invoices 4411 and 4412).',
    summary: 'Invoices double-charged after switching to annual billing',
    customer: 'Acme Corp',
    severity: 'critical',
    tags: ['billing'],
    reporter: 'agent1',
    flaggedHoursAgo: 26,
    steps: [],
    inTheme: true,
  },
  {
    conversation: 'Globex users with upper-case letters in their email get stuck in an SSO login loop.',
    summary: 'SSO login loops for users with upper-case email addresses',
    customer: 'Globex',
    severity: 'high',
    tags: ['sso', 'login'],
    reporter: 'agent2',
    flaggedHoursAgo: 5,
    steps: [],
  },
  {
    conversation: 'Soylent was charged the old and the new price after downgrading their plan mid-cycle.',
    summary: 'Charged twice after a mid-cycle plan downgrade',
    customer: 'Soylent',
    severity: 'medium',
    tags: ['billing'],
    reporter: 'agent1',
    flaggedHoursAgo: 50,
    steps: [{ kind: 'raise', by: 'advocate1', hoursAgo: 40, via: 'reaction' }],
    inTheme: true,
  },
  {
    conversation: 'Initech cannot export reports above about 50k rows: the CSV export times out every time.',
    summary: 'CSV export times out above 50k rows',
    customer: 'Initech',
    severity: 'high',
    tags: ['export', 'performance'],
    reporter: 'agent1',
    flaggedHoursAgo: 72,
    steps: [{ kind: 'claim', by: 'advocate1', hoursAgo: 70, via: 'reaction' }],
  },
  {
    conversation: 'Initrode EU invoices show VAT added twice since the tax settings change.',
    summary: 'VAT added twice on EU invoices',
    customer: 'Initrode',
    severity: 'high',
    tags: ['billing', 'tax'],
    reporter: 'agent2',
    flaggedHoursAgo: 96,
    steps: [{ kind: 'claim', by: 'advocate2', hoursAgo: 93, via: 'button' }],
    inTheme: true,
  },
  {
    conversation: 'Umbrella field staff lose offline edits in the mobile app when a sync conflict happens.',
    summary: 'Mobile app drops offline edits after a sync conflict',
    customer: 'Umbrella',
    severity: 'medium',
    tags: ['mobile'],
    reporter: 'agent2',
    flaggedHoursAgo: 140,
    steps: [{ kind: 'claim', by: 'advocate2', hoursAgo: 120, via: 'button' }],
  },
  {
    conversation: "Hooli's renewal quote still shows last year's price list.",
    summary: "Renewal quote shows last year's price list",
    customer: 'Hooli',
    severity: 'medium',
    tags: ['renewal'],
    reporter: 'agent1',
    flaggedHoursAgo: 240,
    steps: [
      { kind: 'claim', by: 'advocate2', hoursAgo: 236, via: 'reaction' },
      { kind: 'resolve', by: 'advocate2', hoursAgo: 200, via: 'button' },
    ],
  },
  {
    conversation: "Stark Industries' webhook retries are flooding their endpoint after one timeout.",
    summary: "Webhook retries flood the customer's endpoint after a timeout",
    customer: 'Stark Industries',
    severity: 'low',
    tags: ['integrations'],
    reporter: 'agent2',
    flaggedHoursAgo: 290,
    steps: [{ kind: 'resolve', by: 'advocate1', hoursAgo: 270, via: 'reaction' }],
  },
];

export const SAMPLE_THEME_TITLE = 'Billing charges customers twice after plan and tax changes';

/**
 * A theme fixed five weeks ago, so the sandbox shows a fix's outcome (`/advocate theme THM-n outcome`, the 30-day check
 * in its card's thread): its customers scored low before the fix and high since.
 */
export const SAMPLE_FIXED_THEME = {
  title: 'CSV exports time out on large accounts',
  flaggedDaysAgo: [62, 58],
  customers: ['Wayne Enterprises', 'Cyberdyne'],
  summaries: ['CSV export times out after 30 seconds', 'Export of all invoices times out'],
  tags: ['exports'],
  resolvedDaysAgo: 35,
  note: 'Exports now stream in the background and arrive by email (release 4.8).',
  /** [customer, NPS score, days ago]: three before the fix (−100), three since (+67). */
  responses: [
    ['Wayne Enterprises', 3, 50],
    ['Cyberdyne', 4, 45],
    ['Wayne Enterprises', 6, 40],
    ['Wayne Enterprises', 9, 25],
    ['Cyberdyne', 10, 15],
    ['Cyberdyne', 8, 6],
  ] as const,
};
