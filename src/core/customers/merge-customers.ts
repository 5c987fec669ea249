import { AppError, ErrorCode } from '../shared/app-error';
import type { TDomainDeps } from '../shared/deps';
import { outboxKey } from '../shared/outbox/outbox-keys';
import { joinMrkdwn, mrkdwn, trusted } from '../shared/text/mrkdwn';
import { addTimelineEntry, type TVia } from '../shared/timeline-repository';
import { RaceLost, runUnitOfWork, type TPrismaUnitOfWork } from '../shared/unit-of-work';
import {
  customerNameKey,
  findCustomerById,
  findCustomerRecordByName,
  markCustomerMerged,
  moveCustomerRecords,
  openEscalationIdsOfCustomer,
  type TCustomer,
  updateCustomer,
} from './customers-repository';
import { refreshCustomerLifecycle } from './record-lifecycle';
import { suggestCustomerNames } from './suggest-customers';

export interface TMergeCustomersOptions {
  /** The alias: its records move over and its name keeps finding the survivor. */
  from: string;
  into: string;
  actorId: string;
  via: TVia;
}

export interface TMergeCustomersResult {
  alias: TCustomer;
  target: TCustomer;
  /** True when `from` was already merged into `into`: a retry, nothing changed. */
  alreadyMerged: boolean;
  moved: { escalations: number; surveyResponses: number; lifecycleEvents: number; timelineEntries: number };
}

async function notFound(deps: TDomainDeps, name: string): Promise<never> {
  const suggestions = await suggestCustomerNames(deps.db.prisma, name);
  const hint = suggestions.length
    ? mrkdwn` Did you mean ${joinMrkdwn(
        suggestions.map((s) => mrkdwn`“${s}”`),
        ', ',
      )}?`
    : trusted('');
  throw new AppError(ErrorCode.NotFound, { userMessage: mrkdwn`There is no customer named “${name}”.${hint}`.text });
}

/**
 * Merges one customer record into another: escalations, survey responses, lifecycle events and timeline entries
 * move to the survivor, the alias is marked merged (its name keeps finding the survivor), and the survivor's
 * timeline says so, all in one transaction. Safe to retry: the second run finds the alias merged and says so.
 */
export async function mergeCustomers(
  deps: TDomainDeps,
  options: TMergeCustomersOptions,
): Promise<TMergeCustomersResult> {
  if (customerNameKey(options.from) === customerNameKey(options.into)) {
    throw new AppError(ErrorCode.InvalidInput, {
      userMessage:
        mrkdwn`“${options.from}” and “${options.into}” are the same name; a customer cannot be merged into itself.`
          .text,
    });
  }
  const outcome = await runUnitOfWork(
    deps,
    {
      attempts: 3,
      conflict: mrkdwn`“${options.from}” is being merged by someone else right now; try again in a moment.`.text,
    },
    (uow) => attemptMerge(uow, options),
  );
  if (outcome.kind === 'missing') return notFound(deps, outcome.name);
  return outcome.result;
}

type TAttempt = { kind: 'missing'; name: string } | { kind: 'done'; result: TMergeCustomersResult };

async function attemptMerge(uow: TPrismaUnitOfWork, options: TMergeCustomersOptions): Promise<TAttempt> {
  const { tx } = uow;
  const alias = await findCustomerRecordByName(tx, options.from);
  const named = await findCustomerRecordByName(tx, options.into);
  if (!alias || !named) return { kind: 'missing', name: !alias ? options.from : options.into };
  if (named.mergedIntoId === alias.id) {
    throw new AppError(ErrorCode.InvalidInput, {
      userMessage:
        mrkdwn`“${named.name}” is already merged into “${alias.name}”: they are one customer. Nothing was changed.`
          .text,
    });
  }
  if (named.mergedIntoId !== null) {
    const survivor = await findCustomerById(tx, named.mergedIntoId);
    throw new AppError(ErrorCode.Conflict, {
      userMessage:
        mrkdwn`“${named.name}” was itself merged into “${survivor?.name ?? 'another customer'}”; merge into “${survivor?.name ?? 'that customer'}” instead. Nothing was changed.`
          .text,
    });
  }
  if (alias.id === named.id) {
    throw new AppError(ErrorCode.InvalidInput, {
      userMessage: mrkdwn`“${options.from}” and “${options.into}” are the same customer; nothing to merge.`.text,
    });
  }
  if (alias.mergedIntoId !== null) {
    if (alias.mergedIntoId === named.id) {
      return { kind: 'done', result: { alias, target: named, alreadyMerged: true, moved: noneMoved } };
    }
    const elsewhere = await findCustomerById(tx, alias.mergedIntoId);
    throw new AppError(ErrorCode.Conflict, {
      userMessage:
        mrkdwn`“${alias.name}” was already merged into “${elsewhere?.name ?? 'another customer'}”, not “${named.name}”. Nothing was changed.`
          .text,
    });
  }
  return mergeInTransaction(uow, alias, named, options);
}

const noneMoved = { escalations: 0, surveyResponses: 0, lifecycleEvents: 0, timelineEntries: 0 };

async function mergeInTransaction(
  { tx, q, now, queue }: TPrismaUnitOfWork,
  alias: TCustomer,
  target: TCustomer,
  options: TMergeCustomersOptions,
): Promise<TAttempt> {
  // First, so that a concurrent merge of the same alias waits here, finds it merged, and starts over.
  if (!(await markCustomerMerged(tx, alias.id, target.id, now))) throw new RaceLost();
  const openEscalations = await openEscalationIdsOfCustomer(tx, alias.id);
  const moved = await moveCustomerRecords(tx, alias.id, target.id);
  await refreshCustomerLifecycle(tx, target.id, now);
  if (!target.externalId && alias.externalId) {
    await updateCustomer(tx, target.id, { externalId: alias.externalId });
  }
  const counts = [
    `${moved.escalations} escalation${moved.escalations === 1 ? '' : 's'}`,
    `${moved.surveyResponses} survey response${moved.surveyResponses === 1 ? '' : 's'}`,
    `${moved.lifecycleEvents} lifecycle event${moved.lifecycleEvents === 1 ? '' : 's'}`,
  ].join(', ');
  await addTimelineEntry(q, {
    customerId: target.id,
    actorId: options.actorId,
    action: 'merged',
    fromValue: alias.name,
    toValue: target.name,
    via: options.via,
    detail: `moved ${counts}`,
    at: now,
  });
  // Open cards name the customer: show the surviving name on them.
  queue(
    openEscalations.map((escalationId) => ({
      dedupeKey: outboxKey.customerMerged(escalationId, alias.id),
      message: { kind: 'card.update', escalationId },
    })),
  );
  const merged = (await findCustomerById(tx, alias.id))!;
  const survivor = (await findCustomerById(tx, target.id))!;
  return {
    kind: 'done',
    result: {
      alias: merged,
      target: survivor,
      alreadyMerged: false,
      moved: {
        escalations: moved.escalations,
        surveyResponses: moved.surveyResponses,
        lifecycleEvents: moved.lifecycleEvents,
        timelineEntries: moved.timelineEntries,
      },
    },
  };
}
