import { PERMISSIONS, type TPermission } from '../../../core/shared/authz';
import type { TMessage } from '../block-limits';
import { notForGuestsMessage, onlyAdvocatesMessage, withHowToBecome } from '../only-advocates';
import type { TSlackServices } from '../slack-services';
import type { TListenerContext, TMiddleware, TReply } from './context';

/** Who pressed, submitted, typed or reacted: the user of any payload Slack sends us. */
export function actorOf(body: unknown): string | undefined {
  const fields = (body ?? {}) as { user?: { id?: string }; user_id?: string; event?: { user?: string } };
  return fields.user?.id ?? fields.user_id ?? fields.event?.user;
}

/**
 * What a refused person hears: the standard sentence about `what` only advocates may do, or one of its own, given
 * who the advocates are and the request's body.
 */
export type TRefusal<TBody = unknown> = string | ((who: string, body: TBody) => TMessage);

/**
 * Asks the authorization port whether `userId` has `permission`; if not, answers with the refusal through `reply`
 * and resolves false. The one place that turns a refusal into words: a guest refused what every full member may do
 * hears why; anyone else refused an advocate's permission hears who the advocates are and how to become one.
 */
export async function allowedOrRefused<TBody>(
  services: TSlackServices,
  userId: string,
  permission: TPermission,
  refusal: TRefusal<TBody>,
  reply: TReply,
  body: TBody,
): Promise<boolean> {
  if (await services.deps.authz[permission](userId)) return true;
  const forMembers = (PERMISSIONS[permission] as readonly string[]).includes('agent');
  if (forMembers && typeof refusal === 'string') {
    await reply(notForGuestsMessage(refusal));
    return false;
  }
  const who = services.advocates.describe();
  const answer = typeof refusal === 'string' ? onlyAdvocatesMessage(who, refusal) : refusal(who, body);
  await reply(forMembers ? answer : withHowToBecome(answer, services.advocates.howToBecome()));
  return false;
}

/**
 * Listener middleware: only people with `permission` get past it; anyone else hears `refusal` on the reply surface
 * set before it (see reply-surface.ts) and nothing runs.
 */
export function advocatesOnly(
  services: TSlackServices,
  permission: TPermission,
  refusal: TRefusal,
): TMiddleware<Partial<Pick<TListenerContext, 'reply'>>> {
  return async ({ body, context, next }) => {
    const userId = actorOf(body);
    if (!context.reply) throw new Error('advocatesOnly needs a reply surface before it');
    if (userId && (await allowedOrRefused(services, userId, permission, refusal, context.reply, body))) await next();
    else if (!userId) services.logger.warn('advocatesOnly: a payload without a user');
  };
}
