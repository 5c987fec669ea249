import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { onlyAdvocatesMessage } from '../../blocks/only-advocates';
import type { TCommand } from '../../commands/parse-command';
import type { TSlackServices } from '../../services';
import type { TSlashCommand } from '../payloads';

export interface TSubcommandContext<K extends TCommand['kind']> {
  command: Extract<TCommand, { kind: K }>;
  slash: TSlashCommand;
  respond: RespondFn;
  client: WebClient;
  services: TSlackServices;
  /**
   * Acknowledges Slack (once; later calls do nothing and resolve false). Every sub-command but `flag` is
   * acknowledged before it runs; `flag` acknowledges once its escalation is stored, so that an agent whose flag
   * could not be stored is told so in the acknowledgement itself.
   */
  acknowledge(answer?: ReturnType<typeof privately>): Promise<boolean>;
}

/** Answers privately with `respond` (the response_url), after `acknowledge`. */
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
