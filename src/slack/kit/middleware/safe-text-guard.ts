import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { findUnsafeText } from '../../../core/shared/safe-text';

export const UNSAFE_COMMAND_TEXT =
  'Advocate cannot store that text: it contains a NUL character or broken Unicode (often pasted from a binary ' +
  'file or a terminal). Remove it and try again.';

type TAck = (response?: unknown) => Promise<void>;

/**
 * Runs before every listener: a slash command whose text, or a modal whose fields, hold NUL or a lone surrogate is
 * answered privately (the command) or on the field itself (the modal) and goes no further — PostgreSQL would refuse
 * the write halfway through the work, after the person was told it was done.
 */
export const safeTextGuard: Middleware<AnyMiddlewareArgs> = async (args) => {
  const body = args.body as Record<string, unknown>;
  const ack = (args as { ack?: TAck }).ack;
  if (typeof body.command === 'string' && ack) {
    const found = findUnsafeText(body.text);
    if (found) {
      await ack({ response_type: 'ephemeral', text: UNSAFE_COMMAND_TEXT });
      return;
    }
  }
  if (body.type === 'view_submission' && ack) {
    const values = ((body.view as Record<string, unknown> | undefined)?.state as { values?: unknown } | undefined)
      ?.values;
    const found = findUnsafeText(values);
    if (found) {
      const blockId = found.path[0] ?? '';
      await ack({ response_action: 'errors', errors: { [blockId]: `This field ${found.problem}.` } });
      return;
    }
  }
  await args.next();
};
