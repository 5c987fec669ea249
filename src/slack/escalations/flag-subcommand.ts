import { flagConfirmed, flagEscalation } from '../../core/escalations/flag-escalation';
import { privately, type TSubcommandHandler } from '../commands/subcommand';
import { confirmFlag } from './confirm-flag';
import { flagConfirmation } from './flag-confirmation';

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
      queueConfirmation: true,
    },
    () => void acknowledge().catch((error) => services.logger.warn('could not acknowledge a flag:', error)),
  );
  // Stored: from here on a failure (Slack, or the database going away) must not tell the agent it was not.
  const confirmation = await confirmFlag(services, escalation).catch((error) => {
    services.logger.warn(`could not look up ${escalation.id}'s card for its confirmation:`, error);
    return flagConfirmation(escalation, null, services.config.slack.advocateChannelId);
  });
  await respond(privately(confirmation));
  if (escalation.confirmationOutboxId !== null) {
    await flagConfirmed(services.deps, escalation.confirmationOutboxId).catch((error) =>
      services.logger.warn(`could not mark ${escalation.id}'s confirmation delivered:`, error),
    );
  }
};
