import { flagEscalation } from '../../../../domain/escalations/flag-escalation';
import { confirmFlag } from '../../confirm-flag';
import { privately, type TSubcommandHandler } from '../subcommand';

/** Acknowledges Slack as soon as the escalation is stored; the confirmation with the card's link follows. */
export const flagSubcommand: TSubcommandHandler<'flag'> = async ({
  command,
  slash,
  respond,
  services,
  acknowledge,
}) => {
  const escalation = await flagEscalation(
    services.deps,
    {
      reporterId: slash.user_id,
      sourceChannelId: slash.channel_id,
      summary: command.summary,
      severity: command.severity,
      tags: command.tags,
      customer: command.customer,
      via: 'command',
    },
    () => void acknowledge().catch((error) => services.logger.warn('could not acknowledge a flag:', error)),
  );
  await respond(privately(await confirmFlag(services, escalation)));
};
