import { z } from 'zod';
import type { Logger } from '../../../logger';
import { type TBlockAction, ZBlockAction } from '../payloads';
import { ackOf, type TListenerContext, type TMiddleware, type TMiddlewareArgs } from './context';

/** Names the request in a log line: its action, callback or command, else its type. */
function describe(body: unknown): string {
  const fields = (body ?? {}) as {
    actions?: { action_id?: string }[];
    view?: { callback_id?: string };
    callback_id?: string;
    command?: string;
    type?: string;
  };
  return (
    fields.actions?.[0]?.action_id ??
    fields.view?.callback_id ??
    fields.callback_id ??
    fields.command ??
    fields.type ??
    'request'
  );
}

export interface TSubjectOptions {
  /**
   * The listener acknowledges (a command: with its answer when that is instant, or once stored), and a payload that
   * does not fit is acknowledged with `refusal`. Unset: Slack is acknowledged before anything else.
   */
  listenerAcks?: { refusal: unknown };
  /** Also tells the person, after the log line (a button whose value this version does not read: out of date). */
  onMismatch?: (args: TMiddlewareArgs<unknown>) => Promise<void>;
}

/**
 * Acknowledges Slack, then parses the request's body with `schema` into `context.subject`; a body that does not fit
 * is logged in one line and goes no further. (Views, whose acknowledgement carries the form's errors, use submitted.)
 */
export function subject<T>(
  logger: Logger,
  schema: z.ZodType<T>,
  options: TSubjectOptions = {},
): TMiddleware<Partial<TListenerContext<T>>> {
  return async (args) => {
    const ack = ackOf(args);
    if (!options.listenerAcks) await ack?.();
    const parsed = schema.safeParse(args.body);
    if (!parsed.success) {
      if (options.listenerAcks) await ack?.(options.listenerAcks.refusal);
      logger.warn(`${describe(args.body)}: unexpected payload (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      await options.onMismatch?.(args as TMiddlewareArgs<unknown>);
      return;
    }
    args.context.subject = parsed.data;
    await args.next();
  };
}

/** A pressed button: the block action and its parsed value. */
export interface TPressed<TValue> {
  action: TBlockAction;
  value: TValue;
}

/** The schema of a button press whose value (JSON text) `value` parses, for subject(). */
export function pressed<TValue>(value: z.ZodType<TValue, string>): z.ZodType<TPressed<TValue>> {
  return ZBlockAction.transform((action, ctx) => {
    const parsed = value.safeParse(action.actions[0]!.value);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'unexpected button value' });
      return z.NEVER;
    }
    return { action, value: parsed.data };
  });
}
