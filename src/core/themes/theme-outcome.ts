import { eventsOfCustomers } from '../customers/customer-events-repository';
import { customersByIds } from '../customers/customers-repository';
import { themeRef } from '../escalations/escalation-vocabulary';
import { escalationsFlaggedSharing } from '../escalations/escalations-repository';
import { AppError, ErrorCode } from '../shared/app-error';
import type { TDb } from '../shared/db/client';
import type { TDomainDeps } from '../shared/deps';
import type { TSurveyKind } from '../surveys/score-classes';
import { responsesOfCustomersBetween } from '../surveys/surveys-repository';
import { fixOutcome, OUTCOME_BEFORE_DAYS, type TFixOutcome, type TOutcomeCustomer } from './fix-outcome';
import { latestFollowUpOfTheme, type TFollowUp } from './follow-ups-repository';
import { findTheme, type TTheme } from './themes-repository';

/** Merges can chain (A into B, later B into C); a few hops cover any real history without risking a loop. */
const MAX_MERGE_HOPS = 10;

/** The accounts a follow-up follows today: each recorded customer, or whoever it was merged into since. */
export async function followedCustomers(db: TDb, customerIds: number[]): Promise<TOutcomeCustomer[]> {
  const survivors = new Map<number, TOutcomeCustomer>();
  let pending = [...new Set(customerIds)];
  for (let hop = 0; hop < MAX_MERGE_HOPS && pending.length; hop++) {
    const next: number[] = [];
    for (const customer of await customersByIds(db, pending)) {
      if (customer.mergedIntoId !== null) next.push(customer.mergedIntoId);
      else survivors.set(customer.id, { id: customer.id, name: customer.name });
    }
    pending = [...new Set(next)].filter((id) => !survivors.has(id));
  }
  return [...survivors.values()];
}

/** The tags of a theme: those of its escalations. */
export const themeTags = (theme: TTheme) => [
  ...new Set(theme.escalations.flatMap((escalation) => escalation.tags.map((tag) => tag.tag))),
];

/** The customers of a theme's escalations: the accounts its resolution affects. */
export const affectedCustomerIds = (theme: TTheme) => [
  ...new Set(
    theme.escalations.flatMap((escalation) => (escalation.customerId === null ? [] : [escalation.customerId])),
  ),
];

/** Reads what the outcome of `followUp` as of `asOf` is computed from, and computes it. */
export async function outcomeOfFollowUp(db: TDb, followUp: TFollowUp, tags: string[], asOf: Date) {
  const customers = await followedCustomers(db, followUp.customerIds);
  const ids = customers.map((customer) => customer.id);
  const from = new Date(followUp.resolvedAt.getTime() - OUTCOME_BEFORE_DAYS * 86_400_000);
  const [responses, events, escalations] = await Promise.all([
    responsesOfCustomersBetween(db, ids, from, asOf),
    eventsOfCustomers(db, ids),
    escalationsFlaggedSharing(db, { customerIds: ids, tags, from: followUp.resolvedAt, to: asOf }),
  ]);
  return fixOutcome({
    resolvedAt: followUp.resolvedAt,
    asOf,
    customers,
    responses: responses.map((response) => ({ ...response, kind: response.kind as TSurveyKind })),
    events,
    // The theme's own escalations are what was fixed, not news after it.
    escalations: escalations
      .filter((escalation) => escalation.themeId !== followUp.themeId)
      .map((escalation) => ({
        id: escalation.id,
        customerId: escalation.customerId,
        customerName: escalation.customer?.name ?? null,
        tags: escalation.tags.map((tag) => tag.tag),
        createdAt: escalation.createdAt,
      })),
    themeTags: tags,
  });
}

export type TThemeOutcomeAnswer =
  | { kind: 'not-resolved'; theme: TTheme }
  | { kind: 'outcome'; theme: TTheme; followUp: TFollowUp; outcome: TFixOutcome };

/** `/advocate theme THM-n outcome`: the latest resolution's outcome as of now, or why there is none yet. */
export async function themeOutcome(deps: TDomainDeps, themeId: number): Promise<TThemeOutcomeAnswer> {
  const db = deps.db.prisma;
  const theme = await findTheme(db, themeId);
  if (!theme) throw new AppError(ErrorCode.NotFound, { userMessage: `There is no ${themeRef(themeId)}.` });
  if (theme.status !== 'resolved' || !theme.resolvedAt) return { kind: 'not-resolved', theme };
  // Resolved before follow-ups were recorded: its escalations' customers now are the best account of them.
  const followUp = (await latestFollowUpOfTheme(db, themeId)) ?? {
    id: 0,
    themeId,
    resolvedAt: theme.resolvedAt,
    lastVerdict: null,
    lastCheckDays: null,
    customerIds: affectedCustomerIds(theme),
    checkedDays: [],
  };
  const outcome = await outcomeOfFollowUp(db, followUp, themeTags(theme), deps.clock.now());
  return { kind: 'outcome', theme, followUp, outcome };
}
