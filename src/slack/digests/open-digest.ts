import type { KnownBlock } from '@slack/types';
import { lastSentDelivery } from '../../core/digests/deliveries-repository';
import { openDigestChanges, openDigestState, type TOpenDigestState } from '../../core/digests/open-digest-state';
import { mrkdwn } from '../../core/shared/text/mrkdwn';
import { context as contextBlock, SlackLimits, type TMessage } from '../kit/block-limits';
import { slackErrorReason } from '../kit/slack-errors';
import { localMinuteLabel } from './cron-times';
import type { TDigestContext, TDigestKind, TDigestServices } from './digest-kinds';
import { openDigestMessages, type TCardLink } from './open-digest-view';
import { postDigestMessages } from './post-digest';

/**
 * Card links come from the shared permalink builder: at most one chat.getPermalink answer (for its workspace URL)
 * rather than one call per card, since a digest lists dozens of cards and goes to several channels.
 */
async function cardLinker(services: TDigestServices, state: TOpenDigestState): Promise<TCardLink> {
  const sample = state.unclaimed.find((entry) => entry.escalation.cardChannelId && entry.escalation.cardTs)?.escalation;
  if (!sample) return () => null;
  try {
    await services.permalinks.of(sample.cardChannelId!, sample.cardTs!);
  } catch (error) {
    services.logger.warn(`open digest: no card links (${slackErrorReason(error)})`);
    return () => null;
  }
  return (escalation) =>
    escalation.cardChannelId && escalation.cardTs
      ? services.permalinks.known(escalation.cardChannelId, escalation.cardTs)
      : null;
}

/** What is the same for every channel of one run, computed once per run. */
const perRun = new WeakMap<TDigestContext, Promise<{ state: TOpenDigestState; cardLink: TCardLink }>>();
function sharedPart(services: TDigestServices, context: TDigestContext) {
  let shared = perRun.get(context);
  if (!shared) {
    shared = (async () => {
      const state = await openDigestState(services.deps, {
        now: context.now,
        timeZone: services.config.digest.timeZone,
        slaHours: services.config.slaHours,
      });
      return { state, cardLink: await cardLinker(services, state) };
    })();
    perRun.set(context, shared);
    shared.catch(() => perRun.delete(context));
  }
  return shared;
}

/** Other capabilities' sections (OPEN_DIGEST_SECTIONS); one that fails or overruns never costs the digest. */
async function extraSections(services: TDigestServices, since: Date | null, now: Date): Promise<KnownBlock[][]> {
  const built: KnownBlock[][] = [];
  for (const extra of services.digestCatalog.openDigestSections) {
    const max = Math.max(1, Math.min(extra.maxBlocks, SlackLimits.messageBlocks - 2));
    try {
      const blocks = await extra.build(services, { since, now });
      built.push(
        blocks.length > max
          ? [
              ...blocks.slice(0, max - 1),
              contextBlock(mrkdwn`_${extra.name}: ${blocks.length - max + 1} more not shown._`),
            ]
          : blocks,
      );
    } catch (error) {
      services.logger.error(`open digest section "${extra.name}" failed:`, error);
      built.push([contextBlock(mrkdwn`_${extra.name} could not be shown this time._`)]);
    }
  }
  return built;
}

/** The open digest as it would be posted to this channel now. */
export async function buildOpenDigest(
  services: TDigestServices,
  channelId: string,
  context: TDigestContext,
): Promise<TMessage[]> {
  const { state, cardLink } = await sharedPart(services, context);
  const since = (await lastSentDelivery(services.deps.db.prisma, 'open', channelId))?.sentAt ?? null;
  const [changes, extras] = await Promise.all([
    openDigestChanges(services.deps, { since, now: context.now }),
    extraSections(services, since, context.now),
  ]);
  return openDigestMessages({ state, changes, cardLink, extraSections: extras });
}

export const openDigestKind: TDigestKind = {
  kind: 'open',
  cron: (config) => config.digest.openCron,
  period: localMinuteLabel,
  subscriptionKind: 'open',
  async send(services, channelId, context) {
    return postDigestMessages(services, channelId, await buildOpenDigest(services, channelId, context), context);
  },
};
