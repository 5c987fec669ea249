import type { TDomainDeps } from '../shared/deps';
import { addSubscription, listSubscriptions, removeSubscription } from './subscriptions-repository';

export type TSubscriptionKind = 'open' | 'nps';

export interface TSubscriptionOptions {
  channelId: string;
  kind: TSubscriptionKind;
  userId: string;
  /** The advocate channel always receives every digest; it has nothing to subscribe to. */
  advocateChannelId: string;
}

export type TSubscribeOutcome = 'subscribed' | 'already-subscribed' | 'advocate-channel';
export type TUnsubscribeOutcome = 'unsubscribed' | 'not-subscribed' | 'advocate-channel';

/** `/advocate subscribe open|nps`: this channel receives that digest too, from its next scheduled run. */
export async function subscribeChannel(deps: TDomainDeps, options: TSubscriptionOptions): Promise<TSubscribeOutcome> {
  if (options.channelId === options.advocateChannelId) return 'advocate-channel';
  const added = await addSubscription(deps.db.prisma, {
    channelId: options.channelId,
    kind: options.kind,
    subscribedBy: options.userId,
    now: deps.clock.now(),
  });
  return added ? 'subscribed' : 'already-subscribed';
}

/** Where each digest goes besides the advocate channel: the subscribed channels, oldest first. */
export async function digestRecipients(deps: Pick<TDomainDeps, 'db'>): Promise<Record<TSubscriptionKind, string[]>> {
  const [open, nps] = await Promise.all(
    (['open', 'nps'] as const).map((kind) => listSubscriptions(deps.db.prisma, kind)),
  );
  return { open: open!.map((row) => row.channelId), nps: nps!.map((row) => row.channelId) };
}

export async function unsubscribeChannel(
  deps: TDomainDeps,
  options: Omit<TSubscriptionOptions, 'userId'>,
): Promise<TUnsubscribeOutcome> {
  if (options.channelId === options.advocateChannelId) return 'advocate-channel';
  return (await removeSubscription(deps.db.prisma, options.channelId, options.kind))
    ? 'unsubscribed'
    : 'not-subscribed';
}
