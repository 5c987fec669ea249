import type { WebClient } from '@slack/web-api';
import { findCardState, type TEscalation } from '../../db/repositories/escalations';
import { flagConfirmation } from '../blocks/flag-confirmation';
import type { TMessage } from '../blocks/limits';
import { slackErrorReason } from '../outbox/slack-errors';
import type { TSlackServices } from '../services';

/** The agent's confirmation for a just-flagged escalation, with a permalink to its card when it was posted. */
export async function confirmFlag(
  services: TSlackServices,
  client: WebClient,
  flagged: TEscalation,
): Promise<TMessage> {
  const escalation = { ...flagged, ...(await findCardState(services.deps.db.prisma, flagged.id)) };
  let link: string | null = null;
  if (escalation.cardTs && escalation.cardChannelId) {
    link = await client.chat
      .getPermalink({ channel: escalation.cardChannelId, message_ts: escalation.cardTs })
      .then((result) => result.permalink ?? null)
      .catch((error) => {
        services.logger.warn(`getPermalink failed: ${slackErrorReason(error)}`);
        return null;
      });
  }
  return flagConfirmation(escalation, link, services.config.slack.advocateChannelId);
}
