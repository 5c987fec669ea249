import type { TDomainDeps } from '../shared/deps';
import { outboxKey } from '../shared/outbox/outbox-keys';
import { runUnitOfWork } from '../shared/unit-of-work';
import type { TFixOutcome } from './fix-outcome';
import { findFollowUp, followUpsAwaitingChecks, recordOutcomeCheck, type TFollowUp } from './follow-ups-repository';
import { outcomeOfFollowUp, themeTags } from './theme-outcome';
import { findTheme } from './themes-repository';

const DAY_MS = 86_400_000;

/** A check as stored and keyed: the configured number as written (`30`, `0.001`). */
export const checkKey = (days: number) => String(days);

export interface TOutcomeCheckDone {
  themeId: number;
  followUpId: number;
  days: number;
  outcome: TFixOutcome;
}

export interface TOutcomeCheckOptions {
  now: Date;
  /** OUTCOME_CHECK_DAYS. */
  checkDays: number[];
  /** Log instead: nothing recorded, nothing sent. */
  dryRun?: boolean;
  onError?: (error: unknown, followUp: TFollowUp) => void;
}

/**
 * Runs every outcome check that has fallen due: for each followed resolution and each of OUTCOME_CHECK_DAYS since it,
 * the outcome as of the moment it fell due is recorded with its thread message and a card update, in one
 * transaction, once: the stored check (keyed by follow-up and day) and the outbox keys stop a second replica or a
 * restart from posting it again. A check missed while the app was down is still posted, with the figures of its day.
 */
export async function runDueOutcomeChecks(
  deps: TDomainDeps,
  options: TOutcomeCheckOptions,
): Promise<TOutcomeCheckDone[]> {
  if (options.checkDays.length === 0) return [];
  const db = deps.db.prisma;
  const earliest = Math.min(...options.checkDays);
  const candidates = await followUpsAwaitingChecks(
    db,
    new Date(options.now.getTime() - earliest * DAY_MS),
    options.checkDays.length,
  );
  const done: TOutcomeCheckDone[] = [];
  for (const followUp of candidates) {
    try {
      for (const days of options.checkDays) {
        const key = checkKey(days);
        const dueAt = new Date(followUp.resolvedAt.getTime() + days * DAY_MS);
        if (followUp.checkedDays.includes(key) || dueAt > options.now) continue;
        const checked = await runCheck(deps, followUp, days, dueAt, options);
        if (checked) done.push(checked);
      }
    } catch (error) {
      // One theme's failure must not stop the others' checks; the next tick tries it again.
      options.onError?.(error, followUp);
    }
  }
  return done;
}

async function runCheck(
  deps: TDomainDeps,
  followUp: TFollowUp,
  days: number,
  dueAt: Date,
  options: TOutcomeCheckOptions,
): Promise<TOutcomeCheckDone | null> {
  const db = deps.db.prisma;
  const theme = await findTheme(db, followUp.themeId);
  if (!theme) return null;
  const outcome = await outcomeOfFollowUp(db, followUp, themeTags(theme), dueAt);
  const checked = { themeId: theme.id, followUpId: followUp.id, days, outcome };
  if (options.dryRun) return checked;
  const key = checkKey(days);
  return runUnitOfWork(deps, {}, async ({ tx, now, queue }) => {
    // A replica that got here first (or this one, before a restart) has posted it.
    if ((await findFollowUp(tx, followUp.id))?.checkedDays.includes(key)) return null;
    await recordOutcomeCheck(tx, {
      followUpId: followUp.id,
      days: key,
      daysValue: days,
      dueAt,
      verdict: outcome.verdict,
      checkedAt: now,
    });
    queue([
      {
        dedupeKey: outboxKey.themeOutcomeCheck(theme.id, followUp.id, key, 'thread'),
        message: { kind: 'theme.outcome', themeId: theme.id, days, outcome },
      },
      {
        dedupeKey: outboxKey.themeOutcomeCheck(theme.id, followUp.id, key, 'card'),
        message: { kind: 'theme.card.update', themeId: theme.id },
      },
    ]);
    return checked;
  });
}
