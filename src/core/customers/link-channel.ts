import { AppError, ErrorCode } from '../shared/app-error';
import type { TDomainDeps } from '../shared/deps';
import { joinMrkdwn, mrkdwn, trusted } from '../shared/text/mrkdwn';
import { addTimelineEntry, type TVia } from '../shared/timeline-repository';
import { runUnitOfWork } from '../shared/unit-of-work';
import { channelLinkOf, deleteChannelLink, upsertChannelLink } from './customer-channels-repository';
import {
  findCustomerById,
  findCustomerByName,
  findCustomerFollowingMerges,
  type TCustomer,
} from './customers-repository';
import { suggestCustomerNames } from './suggest-customers';

export interface TChannelLinkOptions {
  channelId: string;
  actorId: string;
  via: TVia;
}

/** What the channel is linked to, following merges (the link may name a record merged since). */
export async function customerOfChannel(deps: Pick<TDomainDeps, 'db'>, channelId: string): Promise<TCustomer | null> {
  const link = await channelLinkOf(deps.db.prisma, channelId);
  return link ? findCustomerFollowingMerges(deps.db.prisma, link.customerId) : null;
}

/**
 * Links a channel (typically a Slack Connect channel shared with the customer) to an existing customer; the
 * customer's timeline says who linked it. Linking it again to another customer moves the link.
 */
export async function linkChannel(
  deps: TDomainDeps,
  options: TChannelLinkOptions & { customer: string },
): Promise<{ customer: TCustomer; previous: TCustomer | null }> {
  const customer = await findCustomerByName(deps.db.prisma, options.customer);
  if (!customer) {
    const suggestions = await suggestCustomerNames(deps.db.prisma, options.customer);
    const hint = suggestions.length
      ? mrkdwn` Did you mean ${joinMrkdwn(
          suggestions.map((suggestion) => mrkdwn`“${suggestion}”`),
          ', ',
        )}?`
      : trusted('');
    throw new AppError(ErrorCode.NotFound, {
      userMessage: mrkdwn`There is no customer named “${options.customer}”; the channel is not linked.${hint}`.text,
    });
  }
  return runUnitOfWork(deps, {}, async ({ tx, q, now }) => {
    const before = await channelLinkOf(tx, options.channelId);
    const previous = before ? await findCustomerById(tx, before.customerId) : null;
    if (before?.customerId === customer.id) return { customer, previous };
    await upsertChannelLink(tx, {
      channelId: options.channelId,
      customerId: customer.id,
      linkedById: options.actorId,
      linkedAt: now,
    });
    await addTimelineEntry(q, {
      customerId: customer.id,
      actorId: options.actorId,
      action: 'channel-linked',
      toValue: options.channelId,
      via: options.via,
      at: now,
    });
    return { customer, previous };
  });
}

/** Removes the channel's link; returns the customer it was linked to, or null when it was linked to none. */
export async function unlinkChannel(deps: TDomainDeps, options: TChannelLinkOptions): Promise<TCustomer | null> {
  return runUnitOfWork(deps, {}, async ({ tx, q, now }) => {
    const before = await channelLinkOf(tx, options.channelId);
    if (!before || !(await deleteChannelLink(tx, options.channelId))) return null;
    await addTimelineEntry(q, {
      customerId: before.customerId,
      actorId: options.actorId,
      action: 'channel-unlinked',
      fromValue: options.channelId,
      via: options.via,
      at: now,
    });
    return before.customer;
  });
}
