import { cardStatePrepared, type TEscalation } from '../../db/repositories/escalations';
import { flagConfirmation } from '../blocks/flag-confirmation';
import type { TMessage } from '../blocks/limits';
import { slackErrorReason } from '../outbox/slack-errors';
import type { TSlackServices } from '../services';

/** The agent's confirmation for a just-flagged escalation, with a permalink to its card when it was posted. */
export async function confirmFlag(services: TSlackServices, flagged: TEscalation): Promise<TMessage> {
  const card = await cardStatePrepared(services.deps.db.sql, flagged.id);
  const escalation = { ...flagged, ...card };
  let link: string | null = null;
  if (escalation.cardTs && escalation.cardChannelId) {
    link = await services.permalinks.of(escalation.cardChannelId, escalation.cardTs).catch((error) => {
      services.logger.warn(`getPermalink failed: ${slackErrorReason(error)}`);
      return null;
    });
  }
  return flagConfirmation(escalation, link, services.config.slack.advocateChannelId);
}
