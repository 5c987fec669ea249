import { countOpen, openEscalations, showEscalation } from '../../core/escalations/escalation-queries';
import { privately, type TSubcommandHandler } from '../commands/subcommand';
import { escalationDetailMessage, escalationListMessage } from './escalation-list';

/** Enough to fill the 50-block message; `list` says how many more there are. */
const LIST_LIMIT = 150;

export const listSubcommand: TSubcommandHandler<'list'> = async ({ respond, services }) => {
  const [escalations, total] = await Promise.all([
    openEscalations(services.deps, LIST_LIMIT),
    countOpen(services.deps),
  ]);
  await respond(privately(escalationListMessage(escalations, total, services.deps.clock.now())));
};

export const showSubcommand: TSubcommandHandler<'show'> = async ({ command, respond, services }) => {
  const { escalation, timeline } = await showEscalation(services.deps, command.escalationId);
  await respond(privately(escalationDetailMessage(escalation, timeline, services.deps.clock.now())));
};
