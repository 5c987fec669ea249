import type { App } from '@slack/bolt';
import type { TDigestServices } from '../digests/digest-kinds';
import { SLASH_COMMAND } from '../kit/ids';
import { allowedOrRefused } from '../kit/middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../kit/middleware/context';
import { subject } from '../kit/middleware/subject';
import { type TSlashCommand, ZSlashCommand } from '../kit/payloads';
import { COMMAND_PERMISSIONS } from './command-permissions';
import { parseCommand } from './parse-command';
import { privately } from './subcommand';
import { subcommandHandlers } from './subcommands';
import { usageMessage } from './usage';

const ACK_DEADLINE_MS = 2_000;

/**
 * The acknowledgement of a flag whose store outlasted Slack's 3 seconds. It promises nothing that is not stored: the
 * id follows once the flag is (here, or as a DM if Advocate restarts meanwhile, since the confirmation is queued with
 * the flag), and its absence means the flag was not stored.
 */
export const FLAG_STILL_SAVING_MESSAGE =
  'Saving your flag is taking longer than usual. Its ADV id follows as soon as it is stored; if none reaches you within a few minutes, nothing was stored — flag it again.';

type TCommandContext = TListenerContext<TSlashCommand>;

/**
 * `/advocate …`: parse, acknowledge within Slack's 3 seconds (with the answer itself when it is instant, e.g. a
 * usage error), then do the work and answer privately through the response_url. A failure is answered by app.error
 * through `context.reply`: in the acknowledgement when there was none yet (a flag that could not be stored).
 */
export const onAdvocateCommand =
  (services: TDigestServices): TMiddleware<TCommandContext> =>
  async ({ context, ack: anyAck, respond, client }) => {
    const ack = anyAck as (answer?: ReturnType<typeof privately>) => Promise<void>;
    const slash = context.subject;
    const parsed = parseCommand(slash.text);
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
    context.reply = async (message) => {
      if (!(await acknowledge(privately(message)).catch(() => false))) await respond!(privately(message));
    };
    // Slack gives up on an answer after 3 seconds: a store that takes longer (a database failing over) is answered
    // through the response_url when it finishes.
    const deadline = setTimeout(
      () =>
        void acknowledge(command.kind === 'flag' ? privately({ text: FLAG_STILL_SAVING_MESSAGE }) : undefined).catch(
          () => {},
        ),
      ACK_DEADLINE_MS,
    );
    try {
      if (command.kind !== 'flag') await acknowledge();
      const rule = COMMAND_PERMISSIONS[command.kind];
      if (rule !== 'anyone') {
        const reply = context.reply;
        if (!(await allowedOrRefused(services, slash.user_id, rule.permission, rule.what, reply, slash))) return;
      }
      await handler({ command, slash, respond, client, services, acknowledge });
      await acknowledge();
    } finally {
      clearTimeout(deadline);
    }
  };

export function registerAdvocateCommand(app: App, services: TDigestServices) {
  app.command<TCommandContext>(
    SLASH_COMMAND,
    subject(services.logger, ZSlashCommand, {
      listenerAcks: {
        refusal: privately({ text: 'Slack sent this command without the fields Advocate needs; please try again.' }),
      },
    }),
    onAdvocateCommand(services),
  );
}
