import { cardStatePrepared, type TEscalation } from '../../db/repositories/escalations';
import { flagConfirmation } from '../blocks/flag-confirmation';
import type { TMessage } from '../blocks/limits';
import { slackErrorReason } from '../outbox/slack-errors';
import type { TSlackServices } from '../services';

/** The agent's confirmation for a just-flagged escalation, with a permalink to its card when it was posted. */
export async function confirmFlag(services: TSlackServices, flagged: TEscalation): Promise<TMessage> {
  // Posted by this request: the escalation says where. Otherwise the outbox recorded why not.
  const posted = flagged.postState === 'posted' && flagged.cardTs !== null;
  const escalation = posted ? flagged : { ...flagged, ...(await cardStatePrepared(services.deps.db.sql, flagged.id)) };
  let link: string | null = null;
  if (escalation.cardTs && escalation.cardChannelId) {
    link = await services.permalinks.of(escalation.cardChannelId, escalation.cardTs).catch((error) => {
      services.logger.warn(`getPermalink failed: ${slackErrorReason(error)}`);
      return null;
    });
  }
  return flagConfirmation(escalation, link, services.config.slack.advocateChannelId);
}
