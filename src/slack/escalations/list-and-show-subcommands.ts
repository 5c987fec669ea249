import { countOpen, openEscalations, showEscalation } from '../../core/escalations/escalation-queries';
import { escalationRef } from '../../core/escalations/escalation-vocabulary';
import { maySeeEscalation } from '../../core/shared/authz';
import { trusted } from '../../core/shared/text/mrkdwn';
import { privately, type TSubcommandHandler } from '../commands/subcommand';
import { message, section } from '../kit/block-limits';
import { withHowToBecome } from '../kit/only-advocates';
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

/** Advocates see any escalation; anyone else the ones they flagged (the rest are customers' complaints). */
export const showSubcommand: TSubcommandHandler<'show'> = async ({ command, slash, respond, services }) => {
  const { escalation, timeline } = await showEscalation(services.deps, command.escalationId);
  if (!(await maySeeEscalation(services.deps.authz, slash.user_id, escalation))) {
    const text = trusted(
      `You can see the escalations you flagged; *${escalationRef(escalation.id)}* is not one of them. Only advocates (${services.advocates.describe()}) can see every escalation.`,
    );
    await respond(privately(withHowToBecome(message(text, [section(text)]), services.advocates.howToBecome())));
    return;
  }
  await respond(privately(escalationDetailMessage(escalation, timeline, services.deps.clock.now())));
};
