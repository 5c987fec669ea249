import { validateBlocks } from '@advocate/slack-standin';
import { describe, expect, it } from 'vitest';
import { fixOutcome } from '../../../src/core/themes/fix-outcome';
import { attributeNps } from '../../../src/core/themes/nps-attribution';
import { themeOutcomeMessage } from '../../../src/slack/themes/theme-outcome-views';
import { fixesWeekBlocks, whyNpsMovedBlocks } from '../../../src/slack/themes/theme-weekly-views';

const long = (word: string, times: number) => Array.from({ length: times }, () => word).join(' ');
const R = new Date('2026-10-01T00:00:00Z');
const customers = Array.from({ length: 400 }, (_, i) => ({ id: i + 1, name: `${long('<Customer>', 12)} ${i}` }));

const huge = fixOutcome({
  resolvedAt: R,
  asOf: new Date(R.getTime() + 30 * 86_400_000),
  customers,
  responses: [],
  events: customers.slice(0, 200).map((c) => ({ customerId: c.id, event: 'churned', at: new Date(R.getTime() + 1) })),
  escalations: customers.slice(200, 300).map((c) => ({
    id: c.id,
    customerId: c.id,
    customerName: c.name,
    tags: ['billing'],
    createdAt: new Date(R.getTime() + 1),
  })),
  themeTags: ['billing'],
});

describe('fix outcome views within Slack’s limits', () => {
  it('keeps a report of hundreds of accounts within a section, naming the first few and counting the rest', () => {
    const message = themeOutcomeMessage({ id: 3, title: long('Billing <double> charge', 30) }, huge);
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('and 185 more');
    expect(text).not.toContain('<Customer>');
  });

  it('holds the weekly sections to their block budget, however many themes and look-alike comments', () => {
    const themes = Array.from({ length: 30 }, (_, i) => ({
      id: i + 1,
      title: long('Billing charged twice', 20),
      customerIds: [i + 1],
      tags: ['billing'],
      summaries: ['charged twice'],
    }));
    const week = customers.map((c) => ({
      id: c.id,
      customerId: c.id,
      customerName: c.name,
      score: 2,
      comment: long('charged twice', 200),
    }));
    const blocks = whyNpsMovedBlocks(attributeNps({ week, previous: [], themes }), 7);
    expect(blocks).toHaveLength(7);
    expect(validateBlocks(blocks, 'message')).toEqual([]);
    expect(JSON.stringify(blocks.at(-1))).toMatch(/and \d+ more comments that may belong to a theme/);

    const fixes = fixesWeekBlocks(
      Array.from({ length: 60 }, (_, i) => ({ theme: { id: i, title: long('SSO loops', 30) }, outcome: huge })),
      30,
      1,
    );
    expect(fixes).toHaveLength(1);
    expect(validateBlocks(fixes, 'message')).toEqual([]);
  });
});
