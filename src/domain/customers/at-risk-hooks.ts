import type { TTransaction } from '../../db/client';
import { onEscalationChanged } from '../escalations/change-escalation';
import { onEscalationFlagged } from '../escalations/flag-escalation';
import { onSurveyRecorded } from '../surveys/record-responses';
import { announceIfNewlyAtRisk, type TAtRiskSettings } from './at-risk';
import { isDetractor } from './scores';

let settings: TAtRiskSettings | null = null;
let installed = false;
/** Customers already evaluated in a transaction: a batch of survey responses evaluates each customer once. */
const evaluatedIn = new WeakMap<TTransaction, Set<number>>();

async function evaluate(tx: TTransaction, customerId: number | null, now: Date) {
  if (!settings || customerId === null) return [];
  const seen = evaluatedIn.get(tx) ?? new Set<number>();
  evaluatedIn.set(tx, seen);
  if (seen.has(customerId)) return [];
  seen.add(customerId);
  return announceIfNewlyAtRisk(tx, [customerId], now, settings);
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
