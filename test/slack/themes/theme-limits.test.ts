import { validateBlocks, validateView } from '@advocate/slack-standin';
import { describe, expect, it } from 'vitest';
import type { TThemeSuggestion } from '../../../src/core/themes/theme-suggestions';
import { summarizeTheme } from '../../../src/core/themes/theme-summary';
import type { TTheme, TThemeEscalation } from '../../../src/core/themes/themes-repository';
import { themeCard } from '../../../src/slack/themes/theme-card';
import { themeResolveModal } from '../../../src/slack/themes/theme-resolve-modal';
import { openThemesBlocks, themeSuggestionBlocks } from '../../../src/slack/themes/theme-section-views';

const now = new Date('2026-11-25T10:00:00Z');
const long = (word: string, times: number) => Array.from({ length: times }, () => word).join(' ');

function escalation(id: number, overrides: Partial<TThemeEscalation> = {}): TThemeEscalation {
  return {
    id,
    reporterId: `UAGENT${id % 7}`,
    sourceChannelId: 'CSUPPORT',
    stormId: null,
    sourceMessageTs: null,
    sourceLink: null,
    summary: long('<charged> & twice', 200),
    severity: ['low', 'medium', 'high', 'critical'][id % 4]!,
    status: id % 3 === 0 ? 'resolved' : 'open',
    customerId: id,
    ownerId: null,
    claimedAt: null,
    resolvedAt: null,
    claimWaitSeconds: null,
    resolveWaitSeconds: null,
    themeId: 1,
    cardChannelId: 'CADV',
    cardTs: `${id}.000100`,
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
    createdAt: new Date(now.getTime() - id * 3_600_000),
    updatedAt: now,
    customer: {
      id,
      name: `${long('Customer', 20)} ${id}`,
      nameKey: `customer ${id}`,
      externalId: null,
      status: 'active',
      statusSince: null,
      arr: null,
      mergedIntoId: null,
      atRiskAnnouncedAt: null,
      owner: null,
      tier: null,
      renewalAt: null,
      domains: null,
      createdAt: now,
      updatedAt: now,
    },
    tags: [],
    ...overrides,
  };
}

function theme(count: number, overrides: Partial<TTheme> = {}): TTheme {
  return {
    id: 123456,
    title: long('Invoices <b>double</b> charged', 10).slice(0, 150),
    ownerId: 'UADV1',
    createdById: 'UADV1',
    status: 'open',
    resolutionNote: null,
    resolvedById: null,
    resolvedAt: null,
    cardChannelId: 'CADV',
    cardTs: '1.0001',
    postState: 'posted',
    ticketsClosedAt: null,
    ticketEpisode: 0,
    fixReopenedAt: null,
    createdAt: new Date(now.getTime() - 86_400_000),
    updatedAt: now,
    escalations: Array.from({ length: count }, (_, index) => escalation(index + 1)),
    ...overrides,
  };
}

describe('theme blocks stay within Slack limits', () => {
  it('renders a card for a theme with hundreds of escalations, long titles and a long note', () => {
    for (const card of [
      themeCard(theme(0), now),
      themeCard(theme(400), now),
      themeCard(
        theme(400, {
          status: 'resolved',
          resolvedById: 'UADV2',
          resolvedAt: now,
          resolutionNote: long('fixed & <shipped>', 300).slice(0, 2500),
        }),
        now,
      ),
    ]) {
      expect(validateBlocks(card.blocks, 'message')).toEqual([]);
      expect(card.text.length).toBeLessThanOrEqual(4000);
    }
    const card = themeCard(theme(400), now);
    expect(JSON.stringify(card.blocks)).toMatch(/…and 3\d\d more\./);
    expect(JSON.stringify(card.blocks)).toContain('&lt;charged&gt; &amp; twice');
  });

  it('renders the resolve modal, the digest proposals and the weekly list within their limits', () => {
    expect(validateView(themeResolveModal(theme(400), { themeId: 123456, channelId: 'CADV' }))).toEqual([]);
    const suggestions: TThemeSuggestion[] = Array.from({ length: 30 }, (_, index) => ({
      tag: `${'a'.repeat(38)}${index}`,
      customers: Array.from({ length: 60 }, (_, n) => long(`Customer${n}`, 10)),
      escalationIds: Array.from({ length: 100 }, (_, n) => 100_000_000 + n),
      escalationCount: 250,
    }));
    const proposals = themeSuggestionBlocks(suggestions, 6);
    expect(proposals).toHaveLength(6);
    expect(validateBlocks(proposals, 'message')).toEqual([]);
    const themes = Array.from({ length: 300 }, (_, index) => {
      const item = theme(3, { id: index + 1 });
      return { theme: item, summary: summarizeTheme(item) };
    });
    const weekly = openThemesBlocks(themes, now, 4);
    expect(weekly.length).toBeLessThanOrEqual(4);
    expect(validateBlocks(weekly, 'message')).toEqual([]);
    expect(JSON.stringify(weekly.at(-1))).toMatch(/more open themes/);
  });
});
