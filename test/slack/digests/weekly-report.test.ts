import { validateBlocks } from '@advocate/slack-standin';
import { describe, expect, it } from 'vitest';
import { atRiskReportBlocks } from '../../../src/slack/customers/retention-views';
import { renderSurveyTrendPng, trendSpec } from '../../../src/slack/digests/survey-trend-chart';
import { blockText, type TBlock } from '../../support/slack-text';

const week = (index: number, nps: number | null, csat: number | null) =>
  ({
    week: { label: `2026-W${40 + index}` },
    nps: { kind: 'nps', score: nps, responses: 12 },
    csat: { kind: 'csat', score: csat, responses: 9 },
  }) as never;
const trend = [40, 38, 41, 30, 10, 0, -2, 5].map((nps, index) => week(index, nps, 70 + index * 2));

describe('the weekly report reads at a glance', () => {
  it('lists the top 5 customers at risk and points to the command for the rest', () => {
    const list = Array.from({ length: 8 }, (_, index) => ({
      customer: { id: index + 1, name: `Customer ${index + 1}`, arr: null, status: 'active', atRiskAnnouncedAt: null },
      reasons: [{ kind: 'detractor' as const, count: 1, latestAt: new Date('2026-11-20T00:00:00Z') }],
    }));
    const blocks = atRiskReportBlocks(list, 5) as TBlock[];
    const text = blockText(blocks);
    expect(text).toContain('*Customers at risk (8)*, most reasons first — the top 5');
    expect(text).toContain('*Customer 5*');
    expect(text).not.toContain('*Customer 6*');
    expect(text).toContain('and 3 more: `/advocate customer at-risk`');
    expect(validateBlocks(blocks, 'message')).toEqual([]);
    expect(blockText(atRiskReportBlocks(list.slice(0, 3), 5) as TBlock[])).not.toContain('more:');
  });

  it('draws the chart with labels that survive Slack’s thumbnail, each panel on its data’s range', async () => {
    const spec = JSON.stringify(trendSpec(trend, 'NPS & CSAT'));
    const sizes = [...spec.matchAll(/"(?:label)?[fF]ontSize":(\d+)/g)].map((match) => Number(match[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16);
    // NPS fell 40 points: the panel spans about −10…50, not −100…100.
    const domains = [...spec.matchAll(/"domain":\[(-?\d+),(-?\d+)\]/g)].map((match) => [
      Number(match[1]),
      Number(match[2]),
    ]);
    expect(domains).toContainEqual([-9, 48]);
    const png = await renderSurveyTrendPng(trend, 'NPS & CSAT');
    // Rendered at 2× (about 1,100 px wide), so Slack scales it down rather than up.
    expect(png.readUInt32BE(16)).toBeGreaterThan(1000);
  });
});
