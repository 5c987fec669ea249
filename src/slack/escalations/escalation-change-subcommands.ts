import { changeEscalation } from '../../core/escalations/change-escalation';
import { escalationRef } from '../../core/escalations/escalation-vocabulary';
import { channelMention, mention, mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import { advocatesOnly, privately, type TSubcommandContext, type TSubcommandHandler } from '../commands/subcommand';
import { message, section } from '../kit/block-limits';

type TChange = 'claim' | 'resolve' | 'reopen' | 'raise';

const REACTION: Record<TChange, string> = {
  claim: 'react :eyes: on its card (or press *Claim*)',
  resolve: 'react :white_check_mark: on its card (or press *Resolve*)',
  reopen: 'remove :white_check_mark: from its card (or press *Reopen*)',
  raise: 'react :arrow_double_up: on its card (or press *Raise*)',
};

const PAST = { claim: 'claimed', resolve: 'resolved', reopen: 'reopened', raise: 'raised' } as const;

const DONE: Record<string, string> = {
  claimed: 'is yours now',
  reassigned: 'is yours now (taken over)',
  resolved: 'is resolved',
  reopened: 'is reopened',
  'severity raised': 'is raised',
};

type TChangeContext = TSubcommandContext<'escalation-change'>;

/** There is no `assign`: it is answered with how an escalation changes hands, for anyone. */
async function explainAssign({ command, respond, services }: TChangeContext) {
  const ref = escalationRef(command.escalationId);
  const channel = channelMention(services.config.slack.advocateChannelId);
  const who = command.assigneeId ? mention(command.assigneeId) : trusted('the advocate');
  const text = mrkdwn`Advocate has no \`assign\`: an escalation belongs to whoever claims it. To give *${ref}* to ${who}, ask them to react :eyes: on its card in ${channel}, or to type \`/advocate claim ${ref}\` (claiming someone else's takes it over).`;
  await respond(privately(message(text, [section(text)])));
}

/** What anyone else hears: that only advocates can, and how to get it done. */
function refusal(who: string, { command, services }: TChangeContext) {
  const change = command.change as TChange;
  const ref = escalationRef(command.escalationId);
  const channel = channelMention(services.config.slack.advocateChannelId);
  const text = mrkdwn`Only advocates (${trusted(who)}) can ${change} escalations, so nothing was changed. To get *${ref}* ${PAST[change]}, ask in ${channel}; advocates ${trusted(REACTION[change])}.`;
  return message(text, [section(text)]);
}

/** An advocate's change is made exactly as the card's button makes it. */
const changeAsAdvocate = advocatesOnly<'escalation-change'>(
  'canActOnEscalations',
  refusal,
  async ({ command, slash, respond, services }) => {
    const change = command.change as TChange;
    const ref = escalationRef(command.escalationId);
    const { escalation, result } = await changeEscalation(services.deps, {
      escalationId: command.escalationId,
      kind: change,
      actorId: slash.user_id,
      via: 'command',
      detail: command.note,
    });
    const severity = result.action === 'severity raised' ? ` to ${escalation.severity}` : '';
    const text = mrkdwn`:white_check_mark: *${ref}* ${trusted(DONE[result.action] ?? result.action)}${severity}. Next time you can also ${trusted(REACTION[change])}.`;
    await respond(privately(message(text, [section(text)])));
  },
);

/**
 * `/advocate close ADV-3`, `claim ADV-3`, `assign ADV-3 @bob` …: the verbs people guess. An advocate's change is
 * made exactly as the card's button makes it; anyone else is told privately how it is done. Nothing is flagged.
 */
export const escalationChangeSubcommand: TSubcommandHandler<'escalation-change'> = (context) =>
  context.command.change === 'assign' ? explainAssign(context) : changeAsAdvocate(context);
