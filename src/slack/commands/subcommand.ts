import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { TPermission } from '../../core/shared/authz';
import type { TDigestServices } from '../digests/digest-kinds';
import { allowedOrRefused, type TRefusal } from '../kit/middleware/advocates-only';
import { privately } from '../kit/middleware/reply-surface';
import type { TSlashCommand } from '../kit/payloads';
import type { TCommand } from './parse-command';

export { privately };

export interface TSubcommandContext<K extends TCommand['kind']> {
  command: Extract<TCommand, { kind: K }>;
  slash: TSlashCommand;
  respond: RespondFn;
  client: WebClient;
  services: TDigestServices;
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

/**
 * Wraps a sub-command that needs `permission`: anyone without it hears `refusal` privately and nothing runs. (The
 * sub-commands share one Bolt listener, so this is the sub-command's form of the advocatesOnly middleware.)
 */
export function advocatesOnly<K extends TCommand['kind']>(
  permission: TPermission,
  refusal: TRefusal<TSubcommandContext<K>>,
  handler: TSubcommandHandler<K>,
): TSubcommandHandler<K> {
  return async (context) => {
    const reply = async (message: Parameters<typeof privately>[0]) => void (await context.respond(privately(message)));
    const { services, slash } = context;
    if (await allowedOrRefused(services, slash.user_id, permission, refusal, reply, context)) await handler(context);
  };
}
