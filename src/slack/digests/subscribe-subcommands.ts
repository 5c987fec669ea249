import { digestRecipients, subscribeChannel, unsubscribeChannel } from '../../core/digests/digest-subscriptions';
import { AppError, ErrorCode } from '../../core/shared/app-error';
import { privately, type TSubcommandContext, type TSubcommandHandler } from '../commands/subcommand';
import { slackErrorReason } from '../kit/slack-errors';
import type { TSlackServices } from '../kit/slack-services';
import { nextOccurrence } from './cron-times';
import {
  publicChannelAnswer,
  subscribeAnswer,
  subscriptionAnnouncement,
  subscriptionsAnswer,
  unsubscribeAnswer,
} from './digest-answers';
import { DIGEST_TITLES, type TDigestServices } from './digest-kinds';

/** The parsed command types subscribe and unsubscribe as one member, so `Extract` by kind cannot narrow it. */
type TSubscriptionHandler = (
  context: Omit<TSubcommandContext<'subscribe'>, 'command'> & {
    command: { kind: 'subscribe' | 'unsubscribe'; digest: 'open' | 'nps'; confirm?: boolean };
  },
) => Promise<void>;

function kindFor(services: TDigestServices, subscriptionKind: 'open' | 'nps') {
  return services.digestCatalog.digests.find((kind) => kind.subscriptionKind === subscriptionKind);
}

interface TChannelFacts {
  /** Everyone in the workspace may join and read it. */
  isPublic: boolean;
  /** The bot cannot post there yet: a public channel it is not in is fine (it joins), a private one is not. */
  cannotPost: boolean;
}

async function channelFacts(services: TSlackServices, channelId: string): Promise<TChannelFacts> {
  try {
    const info = await services.client.conversations.info({ channel: channelId });
    const channel = info.channel as
      | { is_private?: boolean; is_im?: boolean; is_mpim?: boolean; is_member?: boolean; is_archived?: boolean }
      | undefined;
    const isPrivate = Boolean(channel?.is_private || channel?.is_im || channel?.is_mpim);
    return {
      isPublic: !isPrivate,
      cannotPost: Boolean(channel?.is_archived || (isPrivate && channel?.is_member === false)),
    };
  } catch {
    // channel_not_found: a private channel or DM the bot is not in.
    return { isPublic: false, cannotPost: true };
  }
}

/** The advocate channel hears of every change to where digests go: customers' complaints travel with them. */
async function announce(services: TSlackServices, text: ReturnType<typeof subscriptionAnnouncement>) {
  await services.client.chat
    .postMessage({ channel: services.config.slack.advocateChannelId, ...text })
    .catch((error) => services.logger.warn(`could not announce a digest subscription: ${slackErrorReason(error)}`));
}

/**
 * `/advocate subscribe open|nps`: this channel receives that digest too, from its next scheduled run. Digests carry
 * customers' names and complaints, so a public channel (anyone may join and read it) is subscribed only when the
 * advocate confirms it (`subscribe open confirm`); a private channel at once.
 */
export const subscribeSubcommand: TSubscriptionHandler = async ({ command, slash, respond, services }) => {
  const title = DIGEST_TITLES[command.digest];
  const kind = kindFor(services, command.digest);
  if (!kind) {
    throw new AppError(ErrorCode.NotFound, {
      userMessage: `The ${title} is not available in this version of Advocate yet, so there is nothing to subscribe to.`,
    });
  }
  const isAdvocateChannel = slash.channel_id === services.config.slack.advocateChannelId;
  const facts = isAdvocateChannel
    ? { isPublic: false, cannotPost: false }
    : await channelFacts(services, slash.channel_id);
  if (facts.isPublic && !command.confirm) {
    await respond(privately(publicChannelAnswer({ title, kind: command.digest, channelId: slash.channel_id })));
    return;
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
        cannotPost: facts.cannotPost,
      }),
    ),
  );
  if (outcome === 'subscribed') {
    await announce(
      services,
      subscriptionAnnouncement({
        userId: slash.user_id,
        channelId: slash.channel_id,
        title,
        subscribed: true,
        isPublic: facts.isPublic,
      }),
    );
  }
};

/** `/advocate subscribe` alone: where each digest goes. */
export const subscriptionsSubcommand: TSubcommandHandler<'subscriptions'> = async ({ respond, services }) => {
  const recipients = await digestRecipients(services.deps);
  await respond(privately(subscriptionsAnswer(services.config.slack.advocateChannelId, recipients)));
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
  if (outcome === 'unsubscribed') {
    const title = DIGEST_TITLES[command.digest];
    await announce(
      services,
      subscriptionAnnouncement({ userId: slash.user_id, channelId: slash.channel_id, title, subscribed: false }),
    );
  }
};
