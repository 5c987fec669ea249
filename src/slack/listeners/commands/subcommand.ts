import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { TCommand } from '../../../domain/commands/parse-command';
import { onlyAdvocatesMessage } from '../../blocks/only-advocates';
import type { TSlackServices } from '../../services';
import type { TSlashCommand } from '../payloads';

export interface TSubcommandContext<K extends TCommand['kind']> {
  command: Extract<TCommand, { kind: K }>;
  slash: TSlashCommand;
  respond: RespondFn;
  client: WebClient;
  services: TSlackServices;
}

/** Runs after Slack has been acknowledged; answers privately with `respond` (the response_url). */
export type TSubcommandHandler<K extends TCommand['kind']> = (context: TSubcommandContext<K>) => Promise<void>;

export type TSubcommandHandlers = { [K in TCommand['kind']]?: TSubcommandHandler<K> };

/** Answers only the person who typed the command. */
export const privately = (message: { text: string; blocks?: unknown[] }) => ({
  response_type: 'ephemeral' as const,
  replace_original: false,
  ...message,
});

/** Wraps a sub-command that only advocates may run: anyone else is told so privately and nothing runs. */
export function advocatesOnly<K extends TCommand['kind']>(
  what: string,
  handler: TSubcommandHandler<K>,
): TSubcommandHandler<K> {
  return async (context) => {
    const { advocates } = context.services;
    if (!(await advocates.isAdvocate(context.slash.user_id))) {
      await context.respond(privately(onlyAdvocatesMessage(advocates.describe(), what)));
      return;
    }
    await handler(context);
  };
}
