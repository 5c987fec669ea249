import type { TTransaction } from '../../db/client';
import { onEscalationChanged } from '../escalations/change-escalation';
import { onEscalationFlagged } from '../escalations/flag-escalation';
import { onSurveyRecorded } from '../surveys/record-responses';
import { announceIfNewlyAtRisk, type TAtRiskSettings } from './at-risk';
import { isDetractor } from './scores';

let settings: TAtRiskSettings | null = null;
let installed = false;
/**
 * At most this many announcements come from one transaction. A survey tool's batch of 1,000 responses may hold
 * hundreds of detractors; the rest are left unclaimed for the sweep, which sums up a crowd in one message.
 */
export const HOOK_ANNOUNCEMENTS_PER_TRANSACTION = 3;

/** Per transaction: customers already evaluated (a batch evaluates each once) and announcements made. */
const evaluatedIn = new WeakMap<TTransaction, { customers: Set<number>; announced: number }>();

async function evaluate(tx: TTransaction, customerId: number | null, now: Date) {
  if (!settings || customerId === null) return [];
  const seen = evaluatedIn.get(tx) ?? { customers: new Set<number>(), announced: 0 };
  evaluatedIn.set(tx, seen);
  if (seen.customers.has(customerId) || seen.announced >= HOOK_ANNOUNCEMENTS_PER_TRANSACTION) return [];
  seen.customers.add(customerId);
  const items = await announceIfNewlyAtRisk(tx, [customerId], now, settings);
  seen.announced += items.length;
  return items;
}

/**
 * Evaluates a customer as soon as something that can put it at risk happens, inside that change's transaction:
 * a flag, a change to an unresolved escalation (a raised severity, a reopening), an NPS response or a detractor.
 * Theme links and anything these miss are caught by the periodic sweep (src/jobs/at-risk.ts). Installing again
 * only updates the settings: the hooks are registered once per process.
 */
export function installAtRiskHooks(next: TAtRiskSettings) {
  settings = next;
  if (installed) return;
  installed = true;
  onEscalationFlagged(async (tx, escalation, now) => evaluate(tx, escalation.customerId, now));
  onEscalationChanged(async (tx, escalation, _result, now) =>
    escalation.status === 'resolved' ? [] : evaluate(tx, escalation.customerId, now),
  );
  onSurveyRecorded(async (tx, response, now) => {
    // An import replays history in bulk; the sweep evaluates its customers once instead of once per row.
    if (response.source === 'import') return [];
    if (response.kind !== 'nps' && !isDetractor(response.kind, response.score)) return [];
    return evaluate(tx, response.customerId, now);
  });
}
