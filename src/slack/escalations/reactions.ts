import type { App } from '@slack/bolt';
import { z } from 'zod';
import { changeEscalation } from '../../core/escalations/change-escalation';
import type { TTransitionKind } from '../../core/escalations/escalation-lifecycle';
import { escalationOfCard } from '../../core/escalations/escalation-queries';
import type { TEscalation } from '../../core/escalations/escalations-repository';
import { isAppError } from '../../core/shared/app-error';
import { Reaction } from '../kit/ids';
import { advocatesOnly } from '../kit/middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../kit/middleware/context';
import { oncePerEvent } from '../kit/middleware/once-per-event';
import { ephemeralOrDirect } from '../kit/middleware/reply-surface';
import { replyThrough } from '../kit/middleware/reply-where';
import { subject } from '../kit/middleware/subject';
import type { TSlackServices } from '../kit/slack-services';

const ZReactionEvent = z.object({
  type: z.enum(['reaction_added', 'reaction_removed']),
  user: z.string(),
  reaction: z.string(),
  item: z.object({ type: z.string(), channel: z.string().optional(), ts: z.string().optional() }),
});

const ZReactionBody = z.object({ event: ZReactionEvent });

/** Which lifecycle change a reaction asks for; anything else is not ours. */
function transitionFor(type: 'reaction_added' | 'reaction_removed', reaction: string): TTransitionKind | null {
  // Slack reports skin-toned reactions as "name::skin-tone-2".
  const name = reaction.split('::')[0];
  if (type === 'reaction_removed') return name === Reaction.Resolve ? 'reopen' : null;
  if (name === Reaction.Claim) return 'claim';
  if (name === Reaction.Resolve) return 'resolve';
  if (name === Reaction.Raise) return 'raise';
  return null;
}

/** A reaction that asks for a change, on a message that is an escalation's card. */
interface TCardReaction {
  user: string;
  reaction: string;
  channel: string;
  kind: TTransitionKind;
  escalation: TEscalation;
}

type TReactionContext = TListenerContext<z.infer<typeof ZReactionBody>> & { card: TCardReaction };

/** Goes on only for a reaction that asks for a change on a card: any other reaction is none of our business. */
const onCards =
  (services: TSlackServices): TMiddleware<Partial<TReactionContext>> =>
  async ({ context, next }) => {
    const { type, user, reaction, item } = context.subject!.event;
    const kind = transitionFor(type, reaction);
    if (item.type !== 'message' || !item.channel || !item.ts || !kind) return;
    const escalation = await escalationOfCard(services.deps, item.channel, item.ts);
    if (!escalation) return;
    context.card = { user, reaction, channel: item.channel, kind, escalation };
    await next();
  };

/** Someone outside the channel can still react in a public channel; Slack then refuses the ephemeral, so DM. */
const replyToReactor = (services: TSlackServices) =>
  replyThrough<Partial<TReactionContext>>(({ context, client }) => {
    const { user, channel } = context.card!;
    const tell = ephemeralOrDirect(client, user, channel);
    return (answer) => tell(answer).catch((error) => services.logger.warn('could not tell the reactor why:', error));
  });

const reactionRefusal = (who: string, body: unknown) => {
  const { reaction } = (body as z.infer<typeof ZReactionBody>).event;
  return { text: `Only advocates (${who}) can act on escalations; your :${reaction}: changed nothing.`, blocks: [] };
};

/** The change the reaction asks for; a change that is not allowed (an AppError) is told to the reactor. */
export const onCardReaction =
  (services: TSlackServices): TMiddleware<TReactionContext> =>
  async ({ context }) => {
    const { user, kind, escalation } = context.card;
    try {
      await changeEscalation(
        services.deps,
        { escalationId: escalation.id, kind, actorId: user, via: 'reaction' },
        escalation,
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      await context.reply({ text: error.userMessage, blocks: [] });
    }
  };

export function registerReactionListeners(app: App, services: TSlackServices) {
  for (const eventType of ['reaction_added', 'reaction_removed'] as const) {
    app.event<typeof eventType, TReactionContext>(
      eventType,
      subject(services.logger, ZReactionBody),
      onCards(services),
      oncePerEvent(services),
      replyToReactor(services),
      advocatesOnly(services, 'canActOnEscalations', reactionRefusal),
      onCardReaction(services),
    );
  }
}
