import { describe, expect, it } from 'vitest';
import {
  SCORE_CLASSES,
  SCORE_RANGE,
  SURVEY_KINDS,
  scoreClass,
  scoreWhere,
} from '../../../src/core/surveys/score-classes';
import {
  classCounts,
  csatScore,
  formatChange,
  formatScore,
  npsScore,
  roundHalfAwayFromZero,
  sparkline,
  sparklineScale,
} from '../../../src/core/surveys/survey-maths';

const nps = (promoters: number, passives: number, detractors: number) => npsScore({ promoters, passives, detractors });
const csat = (satisfied: number, neutral: number, dissatisfied: number) =>
  csatScore({ promoters: satisfied, passives: neutral, detractors: dissatisfied });

describe('NPS', () => {
  it('has no score without responses, rather than a misleading 0', () => {
    expect(nps(0, 0, 0)).toBeNull();
    expect(formatScore('nps', null)).toBe('—');
  });

  it('is 0 when everyone is a passive', () => {
    expect(nps(0, 7, 0)).toBe(0);
    expect(formatScore('nps', 0)).toBe('0');
  });

  it('matches hand-computed weeks', () => {
    // 6 promoters, 2 passives, 2 detractors: 100 × (6 − 2) / 10 = 40
    expect(nps(6, 2, 2)).toBe(40);
    // 100 × (1 − 3) / 6 = −33.33… → −33
    expect(nps(1, 2, 3)).toBe(-33);
    // 100 × (2 − 0) / 3 = 66.67 → 67
    expect(nps(2, 1, 0)).toBe(67);
    expect(nps(5, 0, 0)).toBe(100);
    expect(nps(0, 0, 4)).toBe(-100);
  });

  it('rounds a half away from zero, so +12.5 → +13 and −12.5 → −13', () => {
    // 100 × (2 − 1) / 8 = 12.5
    expect(nps(2, 5, 1)).toBe(13);
    // 100 × (1 − 2) / 8 = −12.5: Math.round would give −12; swapping promoters and detractors must negate the score
    expect(nps(1, 5, 2)).toBe(-13);
    // 100 × (3 − 6) / 40 = −7.5 → −8; 100 × (6 − 3) / 40 = 7.5 → 8
    expect(nps(3, 31, 6)).toBe(-8);
    expect(nps(6, 31, 3)).toBe(8);
  });

  it('classifies 9–10 as promoters, 7–8 as passives and 0–6 as detractors', () => {
    expect(Array.from({ length: 11 }, (_, score) => scoreClass('nps', score))).toEqual([
      ...Array(7).fill('detractor'),
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
    const perScore = Array.from({ length: 11 }, (_, score) => ({ score, count: score + 1 }));
    // detractors 1+…+7 = 28, passives 8+9 = 17, promoters 10+11 = 21
    expect(classCounts('nps', perScore)).toEqual({ promoters: 21, passives: 17, detractors: 28 });
  });
});

describe('CSAT', () => {
  it('has no score without responses', () => {
    expect(csat(0, 0, 0)).toBeNull();
  });

  it('is the share of 4s and 5s', () => {
    expect(csat(2, 1, 1)).toBe(50);
    expect(formatScore('csat', 50)).toBe('50%');
    expect(csat(0, 3, 0)).toBe(0);
    // 2 of 3 = 66.67% → 67%
    expect(csat(2, 0, 1)).toBe(67);
  });

  it('rounds a half up (a percentage is never negative)', () => {
    expect(csat(1, 7, 0)).toBe(13); // 12.5%
    expect(csat(3, 4, 1)).toBe(38); // 37.5%
  });

  it('counts 4–5 as satisfied, 3 as neutral and 1–2 as detractors', () => {
    expect([1, 2, 3, 4, 5].map((score) => scoreClass('csat', score))).toEqual([
      'detractor',
      'detractor',
      'passive',
      'promoter',
      'promoter',
    ]);
  });
});

describe('presentation', () => {
  it('rounds in integers, without floating-point drift at .5', () => {
    expect(roundHalfAwayFromZero(250, 20)).toBe(13);
    expect(roundHalfAwayFromZero(-250, 20)).toBe(-13);
    expect(roundHalfAwayFromZero(-1, 3)).toBe(0);
    expect(Object.is(roundHalfAwayFromZero(-1, 3), -0)).toBe(false);
  });

  it('signs NPS figures and changes', () => {
    expect(formatScore('nps', 20)).toBe('+20');
    expect(formatScore('nps', -15)).toBe('-15');
    expect(formatChange(20, 5)).toBe('+15');
    expect(formatChange(5, 20)).toBe('-15');
    expect(formatChange(5, 5)).toBe('±0');
    expect(formatChange(5, null)).toBeNull();
  });

  it('draws the sparkline on the data’s own range (at least 20 points) and marks empty weeks', () => {
    expect(sparkline('nps', [-100, 0, 100, null])).toBe('▁▅█·');
    expect(sparkline('csat', [0, 50, 100])).toBe('▁▅█');
    // A 40-point fall from +40 fills the height; on −100…100 it was three levels at most.
    expect(sparkline('nps', [40, 38, 41, 30, 10, 0])).toBe('█▇█▆▃▁');
    expect(sparklineScale('nps', [40, 0])).toEqual([0, 40]);
    // A 4-point wobble is not stretched into a cliff.
    expect(sparklineScale('csat', [80, 84])).toEqual([72, 92]);
    expect(sparklineScale('csat', [98, 100])).toEqual([80, 100]);
    expect(sparklineScale('nps', [null])).toEqual([-100, 100]);
  });
});

describe('SCORE_CLASSES', () => {
  it('is the published definition: promoters 9–10 and detractors 0–6; CSAT satisfied 4–5 and detractors 1–2', () => {
    expect(SCORE_CLASSES.nps).toEqual({
      promoter: { min: 9, max: 10 },
      passive: { min: 7, max: 8 },
      detractor: { min: 0, max: 6 },
    });
    expect(SCORE_CLASSES.csat).toEqual({
      promoter: { min: 4, max: 5 },
      passive: { min: 3, max: 3 },
      detractor: { min: 1, max: 2 },
    });
  });

  it('classes every score of a kind exactly once, and the database filters agree with scoreClass', () => {
    const inFilter = (filter: { gte?: number; lte?: number }, score: number) =>
      (filter.gte === undefined || score >= filter.gte) && (filter.lte === undefined || score <= filter.lte);
    for (const kind of SURVEY_KINDS) {
      const { min, max } = SCORE_RANGE[kind];
      for (let score = min; score <= max; score++) {
        const classes = (['promoter', 'passive', 'detractor'] as const).filter(
          (cls) => SCORE_CLASSES[kind][cls].min <= score && score <= SCORE_CLASSES[kind][cls].max,
        );
        expect(classes).toEqual([scoreClass(kind, score)]);
        for (const cls of ['promoter', 'passive', 'detractor'] as const)
          expect(inFilter(scoreWhere(kind, cls), score)).toBe(cls === scoreClass(kind, score));
      }
    }
  });
});
