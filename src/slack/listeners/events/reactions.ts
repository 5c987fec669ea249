import type { App } from '@slack/bolt';
import { z } from 'zod';
import { findEscalationByCardPrepared } from '../../../db/repositories/escalations';
import { isAppError } from '../../../domain/errors';
import { changeEscalation } from '../../../domain/escalations/change-escalation';
import type { TTransitionKind } from '../../../domain/escalations/lifecycle';
import { Reaction } from '../../ids';
import type { TSlackServices } from '../../services';
import { oncePerEvent } from './once-per-event';

const ZReactionEvent = z.object({
  type: z.enum(['reaction_added', 'reaction_removed']),
  user: z.string(),
  reaction: z.string(),
  item: z.object({ type: z.string(), channel: z.string().optional(), ts: z.string().optional() }),
});

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

export function registerReactionListeners(app: App, services: TSlackServices) {
  for (const eventType of ['reaction_added', 'reaction_removed'] as const) {
    app.event(eventType, async ({ event, body, client }) => {
      const parsed = ZReactionEvent.safeParse(event);
      if (!parsed.success || parsed.data.item.type !== 'message' || !parsed.data.item.channel || !parsed.data.item.ts)
        return;
      const { user, reaction, item } = parsed.data;
      const kind = transitionFor(parsed.data.type, reaction);
      if (!kind) return;
      const channel = item.channel!;
      const escalation = await findEscalationByCardPrepared(services.deps.db.sql, channel, item.ts!);
      if (!escalation) return; // a reaction on a message that is not a card is none of our business
      // Someone outside the channel can still react in a public channel; Slack then refuses the ephemeral, so DM.
      const tell = (text: string) =>
        client.chat
          .postEphemeral({ channel, user, text })
          .catch(() => client.chat.postMessage({ channel: user, text }))
          .catch((error) => services.logger.warn('could not tell the reactor why:', error));
      await oncePerEvent(services, (body as { event_id?: string }).event_id, async () => {
        if (!(await services.advocates.isAdvocate(user))) {
          await tell(
            `Only advocates (${services.advocates.describe()}) can act on escalations; your :${reaction}: changed nothing.`,
          );
          return;
        }
        try {
          await changeEscalation(
            services.deps,
            { escalationId: escalation.id, kind, actorId: user, via: 'reaction' },
            escalation,
          );
        } catch (error) {
          if (!isAppError(error)) throw error;
          await tell(error.userMessage);
        }
      });
    });
  }
}
