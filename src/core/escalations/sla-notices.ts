import type { TDomainDeps } from '../shared/deps';
import { outboxKey } from '../shared/outbox/outbox-keys';
import type { TOutboxItem, TSlaNotice } from '../shared/outbox/outbox-messages';
import { formatDuration } from '../shared/time/durations';
import { addTimelineEntry } from '../shared/timeline-repository';
import { runUnitOfWork } from '../shared/unit-of-work';
import { recordSlaNotice, slaCandidates, type TSlaCandidate } from './escalations-repository-sla';
import { readTarget } from './sla-clock';
import type { TSlaPolicy, TSlaTarget } from './sla-policy';

export interface TSlaNoticeOptions {
  now: Date;
  policy: TSlaPolicy;
  /** SLA_WARN_FRACTION: the share of a target spent at which the warning goes. */
  warnFraction: number;
  /** SLA_BREACH_CHANNEL_ID and ADVOCATE_LEADS_USERGROUP_ID: where a breach is escalated and who is called. */
  breachChannelId: string;
  leadsUsergroupId?: string;
  /** Work out what is due, record and send nothing. */
  dryRun?: boolean;
}

export interface TSlaNoticeDue {
  escalationId: number;
  notice: TSlaNotice;
}

/** The notice a candidate owes on a target at `now`, if any: the breach when both are due. */
function dueNotice(options: TSlaNoticeOptions, candidate: TSlaCandidate, target: TSlaTarget): TSlaNotice | null {
  const reading = readTarget(options.policy, candidate, target, options.now);
  if (reading.waitingOn || !reading.dueAt) return null;
  const warned = target === 'claim' ? candidate.claimWarnedAt : candidate.resolveWarnedAt;
  const stage = reading.breached
    ? 'breach'
    : !warned && reading.elapsedMs >= reading.targetMs * options.warnFraction
      ? 'warning'
      : null;
  if (!stage) return null;
  return {
    target,
    stage,
    severity: reading.severity,
    ownerId: candidate.ownerId,
    targetMs: reading.targetMs,
    dueAt: reading.dueAt.toISOString(),
    customer: candidate.customer?.name ?? null,
    summary: candidate.summary.split('\n')[0]!.slice(0, 150),
    ...(stage === 'warning' ? { fraction: options.warnFraction } : {}),
  };
}

/**
 * Posts each SLA warning and breach that has come due: the warning in the card's thread, the breach there too and
 * escalated to the breach channel. A stored marker per target and stage, set in the transaction that queues the
 * posts under keys of their own, makes each go once per escalation per target, across ticks, restarts and replicas.
 */
export async function sendDueSlaNotices(deps: TDomainDeps, options: TSlaNoticeOptions): Promise<TSlaNoticeDue[]> {
  const { now } = options;
  const sent: TSlaNoticeDue[] = [];
  for (const candidate of await slaCandidates(deps.db.prisma)) {
    const target: TSlaTarget = candidate.status === 'open' ? 'claim' : 'resolve';
    const notice = dueNotice(options, candidate, target);
    if (!notice) continue;
    const due = { escalationId: candidate.id, notice };
    if (options.dryRun) {
      sent.push(due);
      continue;
    }
    const recorded = await runUnitOfWork(deps, {}, async ({ tx, q, queue }) => {
      if (!(await recordSlaNotice(tx, candidate.id, target, notice.stage, now))) return false;
      await addTimelineEntry(q, {
        escalationId: candidate.id,
        actorId: 'Advocate',
        action: notice.stage === 'breach' ? 'SLA breached' : 'SLA warning',
        toValue: target,
        via: 'system',
        detail: `${target} target ${formatDuration(notice.targetMs)} (${notice.severity}), due ${notice.dueAt}`,
        at: now,
      });
      const items: TOutboxItem[] = [
        {
          dedupeKey: outboxKey.slaNotice(candidate.id, target, notice.stage),
          message: { kind: 'escalation.sla', escalationId: candidate.id, notice },
        },
      ];
      if (notice.stage === 'breach') {
        items.push(
          {
            dedupeKey: outboxKey.slaNotice(candidate.id, target, 'breach:up'),
            message: {
              kind: 'escalation.sla.up',
              escalationId: candidate.id,
              channelId: options.breachChannelId,
              leadsUsergroupId: options.leadsUsergroupId ?? null,
              notice,
            },
          },
          // The card's clock turns from "due" to "breached": the one redraw a target's clock needs.
          {
            dedupeKey: outboxKey.slaNotice(candidate.id, target, 'card'),
            message: { kind: 'card.update', escalationId: candidate.id },
          },
        );
      }
      queue(items);
      return true;
    });
    if (recorded) sent.push(due);
  }
  return sent;
}
