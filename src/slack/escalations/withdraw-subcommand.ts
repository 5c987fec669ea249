import { changeEscalation } from '../../core/escalations/change-escalation';
import { findEscalationById } from '../../core/escalations/escalation-queries';
import { escalationRef } from '../../core/escalations/escalation-vocabulary';
import { channelMention, mention, mrkdwn } from '../../core/shared/text/mrkdwn';
import { privately, type TSubcommandHandler } from '../commands/subcommand';
import { message, section } from '../kit/block-limits';

/**
 * `/advocate withdraw ADV-n [reason]`: an escalation flagged by mistake (a typo that became a card) is taken back by
 * the agent who flagged it, or by an advocate. It leaves `list` and the open digest and its card says withdrawn; it
 * is not resolved, so no report counts it as one and nobody is told it was resolved.
 */
export const withdrawSubcommand: TSubcommandHandler<'withdraw'> = async ({ command, slash, respond, services }) => {
  const ref = escalationRef(command.escalationId);
  const say = (text: ReturnType<typeof mrkdwn>) => respond(privately(message(text, [section(text)])));
  const escalation = await findEscalationById(services.deps, command.escalationId);
  if (!escalation) {
    await say(mrkdwn`There is no *${ref}*; \`/advocate list\` shows the open escalations.`);
    return;
  }
  const mayWithdraw =
    escalation.reporterId === slash.user_id || (await services.deps.authz.canActOnEscalations(slash.user_id));
  if (!mayWithdraw) {
    await say(
      mrkdwn`Only the person who flagged *${ref}* (${mention(escalation.reporterId)}) or an advocate can withdraw it, so nothing was changed. Ask in ${channelMention(services.config.slack.advocateChannelId)}.`,
    );
    return;
  }
  await changeEscalation(services.deps, {
    escalationId: command.escalationId,
    kind: 'withdraw',
    actorId: slash.user_id,
    via: 'command',
    detail: command.reason,
  });
  await say(
    mrkdwn`:heavy_minus_sign: *${ref}* is withdrawn: it is off the open list and the digest, its card says withdrawn, and it does not count as resolved.`,
  );
};
