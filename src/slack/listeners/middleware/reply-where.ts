import type { TSlackServices } from '../../services';
import type { TListenerContext, TMiddleware, TMiddlewareArgs, TReply } from './context';
import { replySurface } from './reply-surface';
import type { TPressed } from './subject';

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
