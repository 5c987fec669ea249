import { validateBlocks, validateView } from '@advocate/slack-standin';
import { expect } from 'vitest';
import type { TCustomer } from '../../src/core/customers/customers-repository';
import type { TEscalation } from '../../src/core/escalations/escalations-repository';
import type { TTimelineEntry } from '../../src/core/shared/timeline-repository';
import type { TThemeTicket } from '../../src/core/themes/theme-tickets-repository';
import type { TTheme, TThemeEscalation } from '../../src/core/themes/themes-repository';
import type { TMessage } from '../../src/slack/kit/block-limits';

// Fixed, representative data for rendering views: the same ids, people and instants every run, so the snapshots
// change only when what a user sees changes.

export const NOW = new Date('2026-11-25T10:00:00Z');
export const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
export const daysAgo = (days: number) => hoursAgo(days * 24);

export const AGENT = 'U0AGENT001';
export const ADVOCATE = 'U0ADVOC001';
export const ADVOCATE2 = 'U0ADVOC002';
export const SUPPORT = 'C0SUPPORT1';
export const ADVOCATES = 'C0ADVOCATE';

export function customer(overrides: Partial<TCustomer> = {}): TCustomer {
  return {
    id: 7,
    name: 'Acme Corp',
    nameKey: 'acme corp',
    externalId: 'crm-0007',
    status: 'active',
    statusSince: daysAgo(200),
    arr: 120_000,
    mergedIntoId: null,
    atRiskAnnouncedAt: null,
    owner: null,
    tier: null,
    renewalAt: null,
    domains: null,
    createdAt: daysAgo(400),
    updatedAt: daysAgo(1),
    ...overrides,
  };
}

export function escalation(overrides: Partial<TEscalation> = {}): TEscalation {
  const id = overrides.id ?? 42;
  return {
    id,
    reporterId: AGENT,
    sourceChannelId: SUPPORT,
    stormId: null,
    sourceMessageTs: '1764064800.000100',
    sourceLink: 'https://standin.slack.com/archives/C0SUPPORT1/p1764064800000100',
    summary: 'Double charged on renewal; the invoice shows the annual plan twice',
    severity: 'high',
    status: 'open',
    customerId: 7,
    customer: customer(),
    ownerId: null,
    claimedAt: null,
    resolvedAt: null,
    claimWaitSeconds: null,
    resolveWaitSeconds: null,
    themeId: null,
    theme: null,
    cardChannelId: ADVOCATES,
    cardTs: '1764064860.000200',
    postState: 'posted',
    lastPostError: null,
    remindersSent: 0,
    waitingOn: null,
    waitingSince: null,
    resolvePausedSeconds: 0,
    claimWarnedAt: null,
    claimBreachedAt: null,
    resolveWarnedAt: null,
    resolveBreachedAt: null,
    version: 0,
    createdAt: hoursAgo(3),
    updatedAt: hoursAgo(3),
    tags: [
      { escalationId: id, tag: 'billing' },
      { escalationId: id, tag: 'renewal' },
    ],
    ...overrides,
  };
}

export const claimed = (overrides: Partial<TEscalation> = {}) =>
  escalation({ status: 'claimed', ownerId: ADVOCATE, claimedAt: hoursAgo(2), claimWaitSeconds: 3600, ...overrides });

export const resolved = (overrides: Partial<TEscalation> = {}) =>
  claimed({ status: 'resolved', resolvedAt: hoursAgo(1), resolveWaitSeconds: 3600, ...overrides });

export function ticket(overrides: Partial<TThemeTicket> = {}): TThemeTicket {
  return {
    id: 1,
    themeId: 3,
    tracker: 'github',
    key: 'acme/api#128',
    url: 'https://github.com/acme/api/issues/128',
    title: 'Renewal job charges twice when the card is retried',
    state: 'open',
    stateChangedAt: null,
    linkedById: ADVOCATE,
    linkedAt: daysAgo(2),
    ...overrides,
  };
}

const themed = (e: TEscalation): TThemeEscalation => {
  const { theme: _theme, ...rest } = e;
  return rest;
};

export function theme(overrides: Partial<TTheme> = {}): TTheme {
  return {
    id: 3,
    title: 'Renewals charged twice',
    ownerId: ADVOCATE,
    createdById: ADVOCATE,
    status: 'open',
    resolutionNote: null,
    resolvedById: null,
    resolvedAt: null,
    cardChannelId: ADVOCATES,
    cardTs: '1764065000.000300',
    postState: 'posted',
    ticketsClosedAt: null,
    ticketEpisode: 0,
    fixReopenedAt: null,
    createdAt: daysAgo(3),
    updatedAt: daysAgo(1),
    escalations: [
      themed(escalation({ id: 42, themeId: 3 })),
      themed(
        claimed({
          id: 43,
          themeId: 3,
          severity: 'critical',
          customerId: 8,
          customer: customer({ id: 8, name: 'Globex', nameKey: 'globex', arr: 48_000 }),
          summary: 'Renewal charged twice again, finance is escalating',
          createdAt: daysAgo(2),
        }),
      ),
      themed(resolved({ id: 44, themeId: 3, severity: 'medium', customer: null, customerId: null })),
    ],
    tickets: [
      ticket(),
      ticket({
        id: 2,
        tracker: 'jira',
        key: 'acme.atlassian.net/BILL-9',
        url: 'https://acme.atlassian.net/browse/BILL-9',
        title: null,
        state: 'closed',
        stateChangedAt: daysAgo(1),
      }),
    ],
    ...overrides,
  };
}

export function timelineEntry(overrides: Partial<TTimelineEntry> = {}): TTimelineEntry {
  return {
    id: 1,
    escalationId: 42,
    themeId: null,
    customerId: null,
    actorId: AGENT,
    action: 'flagged',
    fromValue: null,
    toValue: null,
    via: 'command',
    detail: null,
    createdAt: hoursAgo(3),
    ...overrides,
  };
}

/** Slack would accept the message: every block within Block Kit's limits, and a fallback text. */
export function expectValidMessage(message: TMessage) {
  expect(validateBlocks(message.blocks, 'message')).toEqual([]);
  expect(message.text.length).toBeGreaterThan(0);
}

export function expectValidView(view: unknown) {
  expect(validateView(view)).toEqual([]);
}
