import type { TPeriod } from '../../core/shared/time/zoned';
import { SCORE_CLASSES, type TScoreClass } from '../../core/surveys/score-classes';

export interface TSampleResponse {
  kind: 'nps' | 'csat';
  score: number;
  customer: string;
  comment?: string;
  respondedAt: Date;
  externalId: string;
}

const CUSTOMERS = [
  'Acme Corp',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Soylent',
  'Initrode',
  'Stark Industries',
  'Wayne Enterprises',
  'Cyberdyne',
];

const COMMENTS = {
  promoter: [
    'Support answered within minutes, thank you.',
    'The new dashboards saved our team hours every week.',
    'Onboarding was smooth and the docs are great.',
    'Our account manager really listens.',
  ],
  passive: [
    'Does the job, but exports are slow.',
    'Fine overall; the mobile app needs work.',
    'Pricing is getting steep.',
  ],
  detractor: [
    'We were billed twice again. Fix billing before adding features.',
    'SSO keeps looping and half my team cannot log in.',
    'Exports time out on every large report.',
    'Offline edits vanished in the mobile app. We lost a day of work.',
    'Nobody answered our ticket for a week.',
  ],
};

/** A small seeded generator, so every sandbox gets the same sample data. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weekly volumes: most full weeks have 30 or more NPS responses; one does not, so the report says it is volatile. */
/** The classes' own ranges, except that the sample's NPS detractors are mostly annoyed, not zeros: 2 and up. */
const NPS_SAMPLE_SCORES: Record<TScoreClass, { min: number; max: number }> = {
  ...SCORE_CLASSES.nps,
  detractor: { min: 2, max: SCORE_CLASSES.nps.detractor.max },
};

/** A score drawn evenly from the range; a range of one score draws no random number. */
function scoreIn(range: { min: number; max: number }, next: () => number): number {
  return range.min === range.max ? range.min : range.min + Math.floor(next() * (range.max - range.min + 1));
}

const NPS_PER_WEEK = [34, 31, 24, 36, 33, 30, 35, 32];
const CSAT_PER_WEEK = 14;

/**
 * Eight ISO weeks of NPS and CSAT responses, oldest first, getting better over time (billing and SSO trouble
 * early on). The current week is filled only up to `now`, in proportion to how much of it has passed.
 */
export function sampleResponses(weeks: TPeriod[], now: Date): TSampleResponse[] {
  const next = random(20240601);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
  const responses: TSampleResponse[] = [];
  weeks.forEach((week, index) => {
    const end = Math.min(week.end.getTime(), now.getTime() - 60_000);
    const span = end - week.start.getTime();
    if (span <= 0) return;
    const share = span / (week.end.getTime() - week.start.getTime());
    const progress = index / Math.max(1, weeks.length - 1);
    const promoterShare = 0.34 + 0.22 * progress;
    const detractorShare = 0.32 - 0.17 * progress;
    const at = (i: number, count: number) => new Date(week.start.getTime() + Math.floor(((i + next()) / count) * span));
    const npsCount = Math.max(3, Math.round((NPS_PER_WEEK[index % NPS_PER_WEEK.length] ?? 30) * share));
    for (let i = 0; i < npsCount; i++) {
      const roll = next();
      const mood = roll < detractorShare ? 'detractor' : roll < detractorShare + promoterShare ? 'promoter' : 'passive';
      const score = scoreIn(NPS_SAMPLE_SCORES[mood], next);
      // Detractors cluster on the customers whose escalations the sample data opens.
      const customer =
        mood === 'detractor' && next() < 0.5 ? pick(['Acme Corp', 'Globex', 'Soylent']) : pick(CUSTOMERS);
      responses.push({
        kind: 'nps',
        score,
        customer,
        ...(next() < 0.4 ? { comment: pick(COMMENTS[mood]) } : {}),
        respondedAt: at(i, npsCount),
        externalId: `sandbox-sample:${week.label}:nps:${i}`,
      });
    }
    const csatCount = Math.max(2, Math.round(CSAT_PER_WEEK * share));
    for (let i = 0; i < csatCount; i++) {
      const roll = next();
      const mood = roll < 0.12 + 0.1 * (1 - progress) ? 'detractor' : roll < 0.3 ? 'passive' : 'promoter';
      const score = scoreIn(SCORE_CLASSES.csat[mood], next);
      responses.push({
        kind: 'csat',
        score,
        customer: pick(CUSTOMERS),
        respondedAt: at(i, csatCount),
        externalId: `sandbox-sample:${week.label}:csat:${i}`,
      });
    }
  });
  return [...responses, ...recentDetractors(now)];
}

/** Unhappy customers nobody is working on yet: the open digest offers to open an escalation for each. */
function recentDetractors(now: Date): TSampleResponse[] {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  return [
    {
      kind: 'nps',
      score: 2,
      customer: 'Wayne Enterprises',
      comment: 'The audit log export is missing half the events.',
    },
    { kind: 'csat', score: 1, customer: 'Cyberdyne', comment: 'Waited four days for an answer about our invoice.' },
    { kind: 'nps', score: 5, customer: 'Hooli', comment: 'The new renewal flow is confusing.' },
  ].map((response, index) => ({
    ...(response as Omit<TSampleResponse, 'respondedAt' | 'externalId'>),
    respondedAt: daysAgo(index + 1),
    externalId: `sandbox-sample:recent-detractor:${index}`,
  }));
}
