import type { App } from '@slack/bolt';
import { usageMessage } from '../../blocks/usage';
import { parseCommand } from '../../commands/parse-command';
import { SLASH_COMMAND } from '../../ids';
import type { TSlackServices } from '../../services';
import { ZSlashCommand } from '../payloads';
import { userFacingError } from '../respond-with-error';
import { privately } from './subcommand';
import { subcommandHandlers } from './subcommands';

const ACK_DEADLINE_MS = 2_000;

/**
 * `/advocate …`: parse, acknowledge within Slack's 3 seconds (with the answer itself when it is instant, e.g. a
 * usage error), then do the work and answer privately through the response_url.
 */
export function registerAdvocateCommand(app: App, services: TSlackServices) {
  app.command(SLASH_COMMAND, async ({ body, ack, respond, client }) => {
    const slash = ZSlashCommand.safeParse(body);
    if (!slash.success) {
      await ack(privately({ text: 'Slack sent this command without the fields Advocate needs; please try again.' }));
      return;
    }
    const parsed = parseCommand(slash.data.text);
    if (!parsed.ok) {
      await ack(privately(usageMessage(parsed.problem, parsed.subcommand)));
      return;
    }
    const { command } = parsed;
    if (command.kind === 'help') {
      await ack(privately(usageMessage()));
      return;
    }
    const handler = subcommandHandlers[command.kind] as ((context: unknown) => Promise<void>) | undefined;
    if (!handler) {
      await ack(privately({ text: `\`${command.kind}\` is not available in this version of Advocate.` }));
      return;
    }
    let acked = false;
    const acknowledge = async (answer?: ReturnType<typeof privately>) => {
      if (acked) return false;
      acked = true;
      await ack(answer);
      return true;
    };
    // Slack gives up on an answer after 3 seconds: a store that takes longer (a database failing over) is answered
    // through the response_url when it finishes.
    const deadline = setTimeout(() => void acknowledge().catch(() => {}), ACK_DEADLINE_MS);
    if (command.kind !== 'flag') await acknowledge();
    services.background(async () => {
      try {
        await handler({ command, slash: slash.data, respond, client, services, acknowledge });
        await acknowledge();
      } catch (error) {
        const answer = privately(userFacingError(error, services.logger));
        if (!(await acknowledge(answer).catch(() => false)))
          await respond(answer).catch((respondError) =>
            services.logger.error('could not answer a command:', respondError),
          );
      } finally {
        clearTimeout(deadline);
      }
    });
  });
}
