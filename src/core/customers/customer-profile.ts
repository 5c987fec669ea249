import type { TEscalation } from '../escalations/escalations-repository';
import type { Theme } from '../shared/db/generated/sqlite';
import type { TDomainDeps } from '../shared/deps';
import { evaluateAtRisk } from './at-risk';
import type { TAtRiskReason } from './at-risk-rules';
import { channelsOfCustomer } from './customer-channels-repository';
import { csatOfScores, npsOfScores } from './customer-scores';
import {
  aliasNamesOf,
  escalationsOfCustomer,
  findCustomerByName,
  findCustomerFollowingMerges,
  lastResponsesOfCustomer,
  latestDetractorComment,
  surveyResponsesOfCustomer,
  type TCustomer,
  themesOfCustomer,
} from './customers-repository';
import { suggestCustomerNames } from './suggest-customers';

/** Resolved escalations this recent still show on the profile. */
export const RECENT_DAYS = 90;
/** The trend compares the last 90 days with the 90 before. */
export const TREND_DAYS = 90;
const SHOWN = 5;
const DAY_MS = 86_400_000;

export interface TScoreWindow {
  score: number | null;
  responses: number;
}

export interface TScoreHistory {
  /** The latest responses, newest first. */
  last: { score: number; respondedAt: Date; comment: string | null }[];
  current: TScoreWindow;
  previous: TScoreWindow;
}

export interface TCustomerProfile {
  customer: TCustomer;
  aliases: string[];
  open: TEscalation[];
  openTotal: number;
  recent: TEscalation[];
  themes: Theme[];
  nps: TScoreHistory;
  csat: TScoreHistory;
  latestDetractor: { kind: string; score: number; comment: string | null; respondedAt: Date } | null;
  atRisk: TAtRiskReason[];
  /** Slack channels linked to the customer. */
  channels: string[];
  now: Date;
}

export type TProfileLookup =
  | { found: true; profile: TCustomerProfile }
  | { found: false; name: string; suggestions: string[] };

type TResponse = { kind: string; score: number; respondedAt: Date; comment: string | null };

function history(responses: TResponse[], last: TResponse[], kind: 'nps' | 'csat', now: Date): TScoreHistory {
  const ofKind = responses.filter((response) => response.kind === kind);
  const currentFrom = now.getTime() - TREND_DAYS * DAY_MS;
  const previousFrom = currentFrom - TREND_DAYS * DAY_MS;
  const scoreOf = kind === 'nps' ? npsOfScores : csatOfScores;
  const window = (from: number, to: number): TScoreWindow => {
    const scores = ofKind
      .filter((response) => response.respondedAt.getTime() >= from && response.respondedAt.getTime() < to)
      .map((response) => response.score);
    return { score: scoreOf(scores), responses: scores.length };
  };
  return {
    last: last.map(({ score, respondedAt, comment }) => ({ score, respondedAt, comment })),
    current: window(currentFrom, now.getTime() + 1),
    previous: window(previousFrom, currentFrom),
  };
}

/**
 * Everything an advocate wants to know about one customer before a call: standing, escalations, themes, survey
 * history and why it is at risk. An unknown name returns the closest names instead of an empty profile.
 */
export async function customerProfile(
  deps: Pick<TDomainDeps, 'db' | 'clock'>,
  who: { name: string } | { id: number },
  timeZone: string,
): Promise<TProfileLookup> {
  const db = deps.db.prisma;
  const now = deps.clock.now();
  const customer = 'id' in who ? await findCustomerFollowingMerges(db, who.id) : await findCustomerByName(db, who.name);
  if (!customer) {
    const name = 'name' in who ? who.name : `#${who.id}`;
    return { found: false, name, suggestions: 'name' in who ? await suggestCustomerNames(db, who.name) : [] };
  }
  const { open, openTotal, recent } = await escalationsOfCustomer(
    db,
    customer.id,
    new Date(now.getTime() - RECENT_DAYS * DAY_MS),
    SHOWN,
  );
  const responses = await surveyResponsesOfCustomer(db, customer.id, new Date(now.getTime() - 2 * TREND_DAYS * DAY_MS));
  const [atRisk] = await evaluateAtRisk(db, now, timeZone, [customer.id]);
  return {
    found: true,
    profile: {
      customer,
      aliases: await aliasNamesOf(db, customer.id),
      open,
      openTotal,
      recent,
      themes: await themesOfCustomer(db, customer.id),
      nps: history(responses, await lastResponsesOfCustomer(db, customer.id, 'nps', SHOWN), 'nps', now),
      csat: history(responses, await lastResponsesOfCustomer(db, customer.id, 'csat', SHOWN), 'csat', now),
      latestDetractor: await latestDetractorComment(db, customer.id),
      atRisk: atRisk?.reasons ?? [],
      channels: await channelsOfCustomer(db, customer.id),
      now,
    },
  };
}
