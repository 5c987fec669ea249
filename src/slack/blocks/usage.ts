import type { KnownBlock } from '@slack/types';
import { context, section, type TMessage } from './limits';

export const USAGE_LINES = [
  '`/advocate <summary> [!low|!medium|!high|!critical] [#tag] [customer:"Acme Corp"]` flag this conversation',
  '`/advocate flag <summary>` the same, for a summary that starts with a sub-command word',
  '`/advocate` open the intake form',
  '`/advocate list` open escalations · `/advocate show ADV-12` one with its timeline',
  '`/advocate digest` / `digest nps` post a digest now · `subscribe open|nps` / `unsubscribe …` for this channel',
  '`/advocate nps <0-10> customer:<name> [comment]` · `csat <1-5> customer:<name> [comment]` record a response',
  '`/advocate theme <title> ADV-1 ADV-2 …` open a theme · `theme THM-3 ADV-7 …` link more',
  '`/advocate customer <name>` profile · `customer at-risk` · `customer merge "<from>" "<into>"`',
  '`/advocate help` this help',
];

export function usageMessage(problem?: string, subcommand?: string): TMessage {
  const blocks: KnownBlock[] = [];
  if (problem) blocks.push(section(`:warning: ${problem}`));
  if (problem && subcommand && subcommand !== 'flag') {
    blocks.push(
      context(`To flag a summary that starts with \`${subcommand}\`, write \`/advocate flag ${subcommand} …\`.`),
    );
  }
  blocks.push(section(`*How to use /advocate*\n${USAGE_LINES.map((line) => `• ${line}`).join('\n')}`));
  const text = problem ? `${problem} Type /advocate help for usage.` : 'How to use /advocate';
  return { text, blocks };
}
