import type { TDomainDeps } from '../shared/deps';
import type { TPeriod } from '../shared/time/zoned';
import { npsResponsesBetween } from '../surveys/surveys-repository';
import type { TFixOutcome } from './fix-outcome';
import { outcomeChecksDueBetween } from './follow-ups-repository';
import { attributeNps, type TNpsAttribution } from './nps-attribution';
import { outcomeOfFollowUp, themeTags } from './theme-outcome';
import { findTheme, listOpenThemes } from './themes-repository';

const WEEK_MS = 7 * 86_400_000;

/** The week's NPS split by open theme, against the week before it. */
export async function npsAttributionForWeek(deps: TDomainDeps, week: TPeriod): Promise<TNpsAttribution> {
  const db = deps.db.prisma;
  const previousStart = new Date(week.start.getTime() - WEEK_MS);
  const [current, previous, themes] = await Promise.all([
    npsResponsesBetween(db, week.start, week.end),
    npsResponsesBetween(db, previousStart, week.start),
    listOpenThemes(db),
  ]);
  return attributeNps({
    week: current,
    previous,
    themes: themes.map((theme) => ({
      id: theme.id,
      title: theme.title,
      customerIds: theme.escalations.flatMap((escalation) => (escalation.customerId ? [escalation.customerId] : [])),
      tags: themeTags(theme),
      summaries: theme.escalations.map((escalation) => escalation.summary),
    })),
  });
}

export interface TFixCheckInWeek {
  theme: { id: number; title: string };
  outcome: TFixOutcome;
}

/** Themes whose `days`-day outcome check fell in the week, with the outcome as of that check. */
export async function fixChecksInWeek(deps: TDomainDeps, week: TPeriod, days: number): Promise<TFixCheckInWeek[]> {
  const db = deps.db.prisma;
  const checks = await outcomeChecksDueBetween(db, String(days), week.start, week.end);
  const result: TFixCheckInWeek[] = [];
  for (const check of checks) {
    const theme = await findTheme(db, check.followUp.themeId);
    if (!theme) continue;
    const followUp = {
      id: check.followUp.id,
      themeId: theme.id,
      resolvedAt: check.followUp.resolvedAt,
      lastVerdict: check.followUp.lastVerdict,
      lastCheckDays: check.followUp.lastCheckDays,
      customerIds: check.followUp.customers.map((customer) => customer.customerId),
      checkedDays: check.followUp.checks.map((done) => done.days),
    };
    result.push({
      theme: { id: theme.id, title: theme.title },
      outcome: await outcomeOfFollowUp(db, followUp, themeTags(theme), check.dueAt),
    });
  }
  return result;
}
