import { describe, expect, it } from 'vitest';
import {
  attributeNps,
  distinctiveWords,
  type TAttributionResponse,
  themeVocabulary,
} from '../../../src/core/themes/nps-attribution';

const [ACME, GLOBEX, INITECH, HOOLI, UMBRELLA, WAYNE] = [1, 2, 3, 4, 5, 6];
const NAMES: Record<number, string> = { 1: 'Acme', 2: 'Globex', 3: 'Initech', 4: 'Hooli', 5: 'Umbrella', 6: 'Wayne' };
let nextId = 1;
const r = (customerId: number, score: number, comment: string | null = null): TAttributionResponse => ({
  id: nextId++,
  customerId,
  customerName: NAMES[customerId]!,
  score,
  comment,
});

const billing = {
  id: 3,
  title: 'Billing double charge',
  customerIds: [ACME, INITECH],
  tags: ['billing'],
  summaries: ['charged twice on renewal', 'invoice charged twice'],
};
// Initech is in both themes: its detractor counts for each.
const sso = {
  id: 4,
  title: 'SSO loops',
  customerIds: [HOOLI, INITECH],
  tags: ['sso'],
  summaries: ['login loops forever'],
};

describe('why NPS moved, worked by hand', () => {
  it('splits the week’s detractors by open theme, compares with last week, and offers look-alike comments', () => {
    const globex = r(GLOBEX, 3, 'Charged twice again!');
    const wayne = r(WAYNE, 5, 'exports are slow');
    const week = [
      r(ACME, 2, 'still double billed'),
      r(ACME, 9),
      r(INITECH, 4),
      r(HOOLI, 6, 'login broken'),
      globex,
      r(UMBRELLA, 10),
      wayne,
    ];
    const previous = [r(ACME, 10), r(INITECH, 9), r(UMBRELLA, 9), r(WAYNE, 8)];
    const result = attributeNps({ week, previous, themes: [sso, billing] });

    // 7 responses: 2 promoters (9, 10), 5 detractors → 100 × (2 − 5) / 7 = −42.9 → −43. Last week: 3 of 4 promoters,
    // 1 passive → +75.
    expect(result.now).toEqual({ score: -43, responses: 7 });
    expect(result.before).toEqual({ score: 75, responses: 4 });
    expect(result.detractors).toBe(5);
    expect(result.themes.map((theme) => [theme.id, theme.detractors, theme.accounts])).toEqual([
      [3, 2, 2],
      [4, 2, 2],
    ]);
    // THM-3: Acme 2, Acme 9, Initech 4 → −33; last week Acme 10, Initech 9 → +100.
    expect(result.themes[0]).toMatchObject({ now: { score: -33, responses: 3 }, before: { score: 100, responses: 2 } });
    // THM-4: Initech 4, Hooli 6 → −100; last week Initech 9 → +100 (1 response).
    expect(result.themes[1]).toMatchObject({
      now: { score: -100, responses: 2 },
      before: { score: 100, responses: 1 },
    });
    // The rest (Globex, Umbrella, Wayne): 3, 10, 5 → −33; last week Umbrella 9, Wayne 8 → +50.
    expect(result.rest).toEqual({ now: { score: -33, responses: 3 }, before: { score: 50, responses: 2 } });
    expect(result.unlinked.map((line) => line.customerName)).toEqual(['Globex', 'Wayne']);

    // Globex is in no theme and says what THM-3's escalations say; Acme's own comment is THM-3's already.
    expect(result.themes[0]!.suggestions).toEqual([
      expect.objectContaining({ responseId: globex.id, customerName: 'Globex', sharedWords: ['charg', 'twic'] }),
    ]);
    expect(result.themes[1]!.suggestions).toEqual([]);
  });

  it('no responses: no score either week, nothing to split', () => {
    const result = attributeNps({ week: [], previous: [], themes: [billing] });
    expect(result.now).toEqual({ score: null, responses: 0 });
    expect(result.themes[0]).toMatchObject({ detractors: 0, now: { score: null, responses: 0 }, suggestions: [] });
    expect(result.unlinked).toEqual([]);
  });

  it('knows a theme by its tags, title and the words its escalations share, not by support small talk', () => {
    expect([...themeVocabulary(billing)].sort()).toEqual(['bill', 'charg', 'doubl', 'twic']);
    expect([...themeVocabulary(sso)].sort()).toEqual(['forever', 'login', 'loop', 'sso']);
    expect([...distinctiveWords('Still broken, please help with this issue')]).toEqual([]);
  });
});
