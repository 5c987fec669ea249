import { subscribeChannel, unsubscribeChannel } from '../../core/digests/digest-subscriptions';
import { AppError, ErrorCode } from '../../core/shared/app-error';
import { privately, type TSubcommandContext } from '../commands/subcommand';
import { nextOccurrence } from './cron-times';
import { subscribeAnswer, unsubscribeAnswer } from './digest-answers';
import { DIGEST_TITLES, type TDigestServices } from './digest-kinds';

/** The parsed command types subscribe and unsubscribe as one member, so `Extract` by kind cannot narrow it. */
type TSubscriptionHandler = (
  context: Omit<TSubcommandContext<'subscribe'>, 'command'> & {
    command: { kind: 'subscribe' | 'unsubscribe'; digest: 'open' | 'nps' };
  },
) => Promise<void>;

function kindFor(services: TDigestServices, subscriptionKind: 'open' | 'nps') {
  return services.digestCatalog.digests.find((kind) => kind.subscriptionKind === subscriptionKind);
}

/** Whether the bot can post here: a public channel it is not in is fine (it joins), a private one is not. */
async function cannotPost(services: TDigestServices, channelId: string): Promise<boolean> {
  try {
    const info = await services.client.conversations.info({ channel: channelId });
    const channel = info.channel as { is_private?: boolean; is_member?: boolean; is_archived?: boolean } | undefined;
    return Boolean(channel?.is_archived || (channel?.is_private && channel.is_member === false));
  } catch {
    // channel_not_found: a private channel or DM the bot is not in.
    return true;
  }
}

/** `/advocate subscribe open|nps`: this channel receives that digest too, from its next scheduled run. */
export const subscribeSubcommand: TSubscriptionHandler = async ({ command, slash, respond, services }) => {
  const title = DIGEST_TITLES[command.digest];
  const kind = kindFor(services, command.digest);
  if (!kind) {
    throw new AppError(ErrorCode.NotFound, {
      userMessage: `The ${title} is not available in this version of Advocate yet, so there is nothing to subscribe to.`,
    });
  }
  const outcome = await subscribeChannel(services.deps, {
    channelId: slash.channel_id,
    kind: command.digest,
    userId: slash.user_id,
    advocateChannelId: services.config.slack.advocateChannelId,
  });
  const cron = kind.cron(services.config);
  const { timeZone } = services.config.digest;
  await respond(
    privately(
      subscribeAnswer(outcome, {
        title,
        kind: command.digest,
        channelId: slash.channel_id,
        cron,
        timeZone,
        next: nextOccurrence(cron, services.deps.clock.now(), timeZone),
        cannotPost: outcome === 'advocate-channel' ? false : await cannotPost(services, slash.channel_id),
      }),
    ),
  );
};

/** `/advocate unsubscribe open|nps`; works even for a digest this version does not have, to clear old rows. */
export const unsubscribeSubcommand: TSubscriptionHandler = async ({ command, slash, respond, services }) => {
  const outcome = await unsubscribeChannel(services.deps, {
    channelId: slash.channel_id,
    kind: command.digest,
    advocateChannelId: services.config.slack.advocateChannelId,
  });
  await respond(
    privately(
      unsubscribeAnswer(outcome, {
        title: DIGEST_TITLES[command.digest],
        kind: command.digest,
        channelId: slash.channel_id,
      }),
    ),
  );
};
