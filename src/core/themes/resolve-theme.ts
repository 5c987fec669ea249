import { ownerToTell } from '../customers/owner-notices';
import { applyEscalationChange } from '../escalations/change-escalation';
import { isOpenStatus, themeRef } from '../escalations/escalation-vocabulary';
import { AppError, ErrorCode, isAppError } from '../shared/app-error';
import type { TDomainDeps } from '../shared/deps';
import { outboxKey, outboxKeyPrefix } from '../shared/outbox/outbox-keys';
import type { TOutboxItem } from '../shared/outbox/outbox-messages';
import { unsentOutboxIdsWithPrefixes } from '../shared/outbox/outbox-repository';
import { addTimelineEntry, type TVia } from '../shared/timeline-repository';
import { RaceLost, runUnitOfWork } from '../shared/unit-of-work';
import { insertFollowUp } from './follow-ups-repository';
import { affectedCustomerIds } from './theme-outcome';
import { findTheme, markThemeResolved, type TTheme, type TThemeEscalation } from './themes-repository';

export const RESOLUTION_NOTE_MAX_LENGTH = 2500;
/** A DM lists at most this many of the agent's escalations, then says how many more. */
const DM_LIST_MAX = 20;

export interface TResolveThemeOptions {
  themeId: number;
  note: string;
  actorId: string;
  via: TVia;
}

export type TResolveOutcome =
  | {
      kind: 'resolved';
      theme: TTheme;
      /** Escalations this resolution resolved (the others were resolved already). */
      resolvedNow: number[];
      threads: number;
      agents: number;
    }
  | {
      kind: 'already-resolved';
      theme: TTheme;
      /** Messages of this theme that were still unsent, and how many of them are still unsent after trying now. */
      waiting: number;
      stillWaiting: number;
    };

/**
 * Closes the loop on a theme in one transaction: marks it resolved, resolves its open escalations through the
 * lifecycle (each with a timeline entry pointing at the theme), and queues the note for every linked thread, one
 * message per agent who flagged one of them, and every card update, each under a stable key. Slack is told after
 * the commit; a send that fails stays queued and the retry loop finishes it, so nobody is told twice.
 *
 * Resolving an already resolved theme changes nothing: it sends now whatever of the theme is still unsent.
 */
export async function resolveTheme(deps: TDomainDeps, options: TResolveThemeOptions): Promise<TResolveOutcome> {
  const note = options.note.trim();
  if (!note) throw new AppError(ErrorCode.InvalidInput, { userMessage: 'Write a resolution note.' });
  if (note.length > RESOLUTION_NOTE_MAX_LENGTH)
    throw new AppError(ErrorCode.InvalidInput, {
      userMessage: `Keep the resolution note under ${RESOLUTION_NOTE_MAX_LENGTH} characters.`,
    });
  const committed = await runUnitOfWork(
    deps,
    {
      conflict: `${themeRef(options.themeId)}'s escalations are being changed right now; nothing was resolved. Try again in a moment.`,
    },
    async ({ tx, q, now, queue }): Promise<TResolveOutcome | 'already'> => {
      // Mark first: the row lock makes a concurrent link finish before we read the escalations (or fail after).
      const marked = await markThemeResolved(tx, options.themeId, {
        note,
        resolvedById: options.actorId,
        resolvedAt: now,
      });
      const theme = await findTheme(tx, options.themeId);
      if (!theme) throw new AppError(ErrorCode.NotFound, { userMessage: `There is no ${themeRef(options.themeId)}.` });
      if (!marked) return 'already' as const;
      await insertFollowUp(tx, { themeId: theme.id, resolvedAt: now, customerIds: affectedCustomerIds(theme) });
      await addTimelineEntry(q, {
        themeId: theme.id,
        actorId: options.actorId,
        action: 'resolved',
        fromValue: 'open',
        toValue: 'resolved',
        via: options.via,
        detail: note,
        at: now,
      });
      const items: TOutboxItem[] = [];
      const resolvedNow = new Set<number>();
      for (const escalation of theme.escalations) {
        if (isOpenStatus(escalation.status)) {
          const applied = await applyEscalationChange(
            q,
            {
              escalationId: escalation.id,
              kind: 'resolve',
              actorId: options.actorId,
              via: options.via,
              detail: `with theme ${themeRef(theme.id)}`,
              announce: false,
              causedByThemeId: theme.id,
            },
            now,
          ).catch((error: unknown) => {
            // Resolved by someone else since we read it: start over with what is true now.
            if (isAppError(error) && error.code === ErrorCode.IllegalTransition) throw new RaceLost();
            throw error;
          });
          if (!applied) throw new RaceLost();
          items.push(...applied.items);
          resolvedNow.add(escalation.id);
        } else {
          items.push({
            dedupeKey: outboxKey.themeResolved(theme.id, `card:${escalation.id}`),
            message: { kind: 'card.update', escalationId: escalation.id },
          });
        }
        items.push({
          dedupeKey: outboxKey.themeResolved(theme.id, `thread:${escalation.id}`),
          message: {
            kind: 'escalation.note',
            escalationId: escalation.id,
            note: {
              type: 'theme_resolved',
              theme: { id: theme.id, title: theme.title },
              actorId: options.actorId,
              note,
              resolvedNow: resolvedNow.has(escalation.id),
            },
          },
        });
      }
      const byAgent = new Map<string, TThemeEscalation[]>();
      for (const escalation of theme.escalations) {
        if (escalation.reporterId === options.actorId) continue;
        byAgent.set(escalation.reporterId, [...(byAgent.get(escalation.reporterId) ?? []), escalation]);
      }
      for (const [agentId, escalations] of byAgent) {
        items.push({
          dedupeKey: outboxKey.themeResolved(theme.id, `agent:${agentId}`),
          message: {
            kind: 'theme.resolved.notice',
            userId: agentId,
            theme: { id: theme.id, title: theme.title },
            actorId: options.actorId,
            note,
            escalations: escalations.slice(0, DM_LIST_MAX).map((escalation) => ({
              id: escalation.id,
              summary: escalation.summary,
              resolvedNow: resolvedNow.has(escalation.id),
            })),
            total: escalations.length,
          },
        });
      }
      const accounts = new Map(
        theme.escalations.flatMap((escalation) =>
          escalation.customer ? [[escalation.customer.id, escalation.customer]] : [],
        ),
      );
      for (const customer of accounts.values()) {
        const owner = ownerToTell(customer.owner, options.actorId);
        if (!owner) continue;
        items.push({
          dedupeKey: outboxKey.themeResolvedOwner(theme.id, customer.id),
          message: { kind: 'owner.theme-resolved', userId: owner, themeId: theme.id, customerId: customer.id },
        });
      }
      items.push(
        {
          dedupeKey: outboxKey.themeResolved(theme.id, 'card'),
          message: { kind: 'theme.card.update', themeId: theme.id },
        },
        {
          dedupeKey: outboxKey.themeResolved(theme.id, 'thread'),
          message: {
            kind: 'theme.event',
            themeId: theme.id,
            event: {
              type: 'resolved',
              actorId: options.actorId,
              threads: theme.escalations.length,
              agents: byAgent.size,
            },
          },
        },
      );
      queue(items);
      return {
        kind: 'resolved',
        theme: (await findTheme(tx, theme.id))!,
        resolvedNow: [...resolvedNow],
        threads: theme.escalations.length,
        agents: byAgent.size,
      };
    },
  );
  return committed === 'already' ? finishResolution(deps, options.themeId) : committed;
}

/** Sends now whatever a resolved theme (or its escalations) still has queued; the retry loop would, later. */
export async function finishResolution(deps: TDomainDeps, themeId: number): Promise<TResolveOutcome> {
  const theme = await findTheme(deps.db.prisma, themeId);
  if (!theme) throw new AppError(ErrorCode.NotFound, { userMessage: `There is no ${themeRef(themeId)}.` });
  const prefixes = [
    outboxKeyPrefix.theme(theme.id),
    ...theme.escalations.map((escalation) => outboxKeyPrefix.escalation(escalation.id)),
  ];
  const waiting = await unsentOutboxIdsWithPrefixes(deps.db.prisma, prefixes);
  if (waiting.length > 0) await deps.outbox.deliver(waiting);
  const stillWaiting = waiting.length ? (await unsentOutboxIdsWithPrefixes(deps.db.prisma, prefixes)).length : 0;
  return { kind: 'already-resolved', theme, waiting: waiting.length, stillWaiting };
}
