import { flagEscalation } from '../../../../domain/escalations/flag-escalation';
import { confirmFlag } from '../../confirm-flag';
import { privately, type TSubcommandHandler } from '../subcommand';

export const flagSubcommand: TSubcommandHandler<'flag'> = async ({ command, slash, respond, client, services }) => {
  const escalation = await flagEscalation(services.deps, {
    reporterId: slash.user_id,
    sourceChannelId: slash.channel_id,
    summary: command.summary,
    severity: command.severity,
    tags: command.tags,
    customer: command.customer,
    via: 'command',
  });
  await respond(privately(await confirmFlag(services, client, escalation)));
};
