import type { z } from 'zod';
import type { TSlackServices } from '../slack-services';
import type { TListenerContext, TMiddleware, TMiddlewareArgs, TReply } from './context';
import { answerOutOfDateButton } from './known-surfaces';
import { ephemeralOrDirect, replySurface } from './reply-surface';
import { subject, type TPressed } from './subject';
import type { TSubmitted } from './submitted';

/** Listener middleware: sets the request's reply surface, for advocatesOnly, the listener and app.error. */
export function replyThrough<TContext extends Partial<TListenerContext>>(
  surface: (args: TMiddlewareArgs<TContext>) => TReply,
): TMiddleware<TContext> {
  return async (args) => {
    args.context.reply = surface(args);
    await args.next();
  };
}

/** A button's reply surface (after subject(pressed(...))): where it was pressed, see replySurface. */
export const replyWherePressed = (services: TSlackServices, onHome: 'notice' | 'direct message' = 'notice') =>
  replyThrough<Partial<TListenerContext<TPressed<unknown>>>>(({ context, respond }) =>
    replySurface(services, context.subject!.action, respond, onHome),
  );

/** A theme modal's reply surface (after submitted(...)): privately where the modal was opened (ephemeralOrDirect). */
export const replyWhereModalOpened = () =>
  replyThrough<Partial<TListenerContext<TSubmitted<unknown, { channelId?: string }>>>>(({ context, client }) =>
    ephemeralOrDirect(client, context.subject!.userId, context.subject!.metadata.channelId),
  );

/**
 * The steps every button starts with: acknowledge and parse the press (subject), then answer where it was pressed.
 * Spread them before the button's own steps.
 */
export const buttonPress = <TValue>(
  services: TSlackServices,
  schema: z.ZodType<TPressed<TValue>>,
  onHome: 'notice' | 'direct message' = 'notice',
) =>
  [
    subject(services.logger, schema, { onMismatch: (args) => answerOutOfDateButton(services, args) }),
    replyWherePressed(services, onHome),
  ] as const;
