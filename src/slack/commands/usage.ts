import type { KnownBlock } from '@slack/types';
import { joinMrkdwn, mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import { context, message, section, type TMessage } from '../kit/block-limits';

export const USAGE_LINES = [
  '`/advocate <summary> [!low|!medium|!high|!critical] [#tag] [customer:"Acme Corp"]` flag this conversation',
  '`/advocate flag <summary>` the same, for a summary that starts with a sub-command word',
  '`/advocate` open the intake form',
  '`/advocate list` open escalations · `/advocate show ADV-12` one with its timeline',
  '`/advocate withdraw ADV-12 [reason]` take back an escalation flagged by mistake (its reporter, or an advocate)',
  "Advocates: `/advocate claim|resolve|reopen|raise ADV-12 [note]` act on an escalation, as the card's reactions and buttons do",
  "Advocates: `/advocate wait ADV-12 customer|engineering [note]` pause its resolve clock while it waits (or the card's *Waiting…*) · `resume ADV-12`",
  '`/advocate digest` / `digest nps` post a digest now · `subscribe open|nps` / `unsubscribe …` for this channel (`subscribe` alone: where each digest goes)',
  '`/advocate nps <0-10> customer:<name> [comment]` · `csat <1-5> customer:<name> [comment]` record a response',
  '`/advocate theme <title> ADV-1 ADV-2 …` open a theme · `theme THM-3 ADV-7 …` link more',
  '`/advocate theme THM-3 outcome` did the fix win its customers back: NPS/CSAT before → since, renewals, churn',
  '`/advocate theme THM-3 link <url>` attach an engineering ticket (GitHub, Jira, Linear, any URL) · `unlink <url>`',
  '`/advocate customer <name>` profile · `customer at-risk` · `customer merge "<from>" "<into>"`',
  '`/advocate customer set "<name>" owner:@user tier:<tier> renews:<YYYY-MM-DD> arr:<number>` account facts (any of them)',
  '`/advocate channel customer:"<name>"` link this channel to a customer · `channel` what it is linked to · `channel unlink`',
  '`/advocate themes` open themes ranked by ARR at stake',
  '`/advocate help` this help',
];

/** The usage line that covers `subcommand`, if one does (`theme` → the theme line). */
function usageLineFor(subcommand: string): string | undefined {
  return USAGE_LINES.find(
    (line) =>
      line.includes(`\`/advocate ${subcommand} `) ||
      line.includes(`\`${subcommand} `) ||
      line.includes(`\`/advocate ${subcommand}\``),
  );
}

/**
 * Help, or the answer to a command that did not parse: its one-line problem first, then only the usage of the
 * sub-command concerned and a pointer to `/advocate help` (the whole help buries the problem).
 * `problem` is mrkdwn from the parser, which puts the person's words in it through the rule.
 */
export function usageMessage(problem?: string, subcommand?: string): TMessage {
  const blocks: KnownBlock[] = [];
  // The lines show placeholders such as `<summary>`: escaped, or Slack would read them as links.
  if (!problem) {
    blocks.push(section(mrkdwn`*How to use /advocate*\n${joinMrkdwn(USAGE_LINES.map((line) => mrkdwn`• ${line}`))}`));
    return message(trusted('How to use /advocate'), blocks);
  }
  blocks.push(section(mrkdwn`:warning: ${trusted(problem)}`));
  const hints = [];
  const line = subcommand ? usageLineFor(subcommand) : undefined;
  if (line) hints.push(mrkdwn`Usage: ${line}`);
  if (subcommand && subcommand !== 'flag')
    hints.push(mrkdwn`To flag a summary that starts with \`${subcommand}\`, write \`/advocate flag ${subcommand} …\`.`);
  hints.push(trusted('`/advocate help` shows every sub-command.'));
  blocks.push(context(joinMrkdwn(hints, '\n')));
  return message(mrkdwn`${trusted(problem)} Type /advocate help for usage.`, blocks);
}
