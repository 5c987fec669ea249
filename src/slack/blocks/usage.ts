import type { KnownBlock } from '@slack/types';
import { joinMrkdwn, mrkdwn, trusted } from '../../text/slack-text';
import { context, message, section, type TMessage } from './limits';

export const USAGE_LINES = [
  '`/advocate <summary> [!low|!medium|!high|!critical] [#tag] [customer:"Acme Corp"]` flag this conversation',
  '`/advocate flag <summary>` the same, for a summary that starts with a sub-command word',
  '`/advocate` open the intake form',
  '`/advocate list` open escalations · `/advocate show ADV-12` one with its timeline',
  '`/advocate digest` / `digest nps` post a digest now · `subscribe open|nps` / `unsubscribe …` for this channel',
  '`/advocate nps <0-10> customer:<name> [comment]` · `csat <1-5> customer:<name> [comment]` record a response',
  '`/advocate theme <title> ADV-1 ADV-2 …` open a theme · `theme THM-3 ADV-7 …` link more',
  '`/advocate theme THM-3 link <url>` attach an engineering ticket (GitHub, Jira, Linear, any URL) · `unlink <url>`',
  '`/advocate customer <name>` profile · `customer at-risk` · `customer merge "<from>" "<into>"`',
  '`/advocate help` this help',
];

/** `problem` is mrkdwn from the parser, which puts the person's words in it through the rule. */
export function usageMessage(problem?: string, subcommand?: string): TMessage {
  const blocks: KnownBlock[] = [];
  if (problem) blocks.push(section(mrkdwn`:warning: ${trusted(problem)}`));
  if (problem && subcommand && subcommand !== 'flag') {
    blocks.push(
      context(mrkdwn`To flag a summary that starts with \`${subcommand}\`, write \`/advocate flag ${subcommand} …\`.`),
    );
  }
  // The lines show placeholders such as `<summary>`: escaped, or Slack would read them as links.
  blocks.push(section(mrkdwn`*How to use /advocate*\n${joinMrkdwn(USAGE_LINES.map((line) => mrkdwn`• ${line}`))}`));
  const text = problem ? mrkdwn`${trusted(problem)} Type /advocate help for usage.` : trusted('How to use /advocate');
  return message(text, blocks);
}
