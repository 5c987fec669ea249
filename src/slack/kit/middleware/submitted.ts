import type { z } from 'zod';
import type { Logger } from '../../../logger';
import { ackOf, type TListenerContext, type TMiddleware } from './context';

/** A form's fields, or Slack's `errors` map (by block id) to show in the form. */
export type TFormRead<TForm> = { form: TForm } | { errors: Record<string, string> };

export interface TSubmitted<TForm, TMetadata> {
  form: TForm;
  metadata: TMetadata;
  userId: string;
}

interface TViewSubmission {
  user: { id: string };
  view: { callback_id?: string; private_metadata?: string; state: { values: unknown } };
}

/**
 * The subject of a modal's submit: `readForm` judges the fields, and their errors go back into the form (the
 * acknowledgement carries them); a valid form is acknowledged (the modal closes), then its private_metadata is parsed.
 * Metadata that does not fit `metadataSchema` is logged in one line and goes no further (a schema that must not
 * stop the submit catches its own failure).
 */
export function submitted<TForm, TMetadata>(
  logger: Logger,
  readForm: (values: unknown) => TFormRead<TForm>,
  metadataSchema: z.ZodType<TMetadata>,
): TMiddleware<Partial<TListenerContext<TSubmitted<TForm, TMetadata>>>> {
  return async (args) => {
    const { user, view } = args.body as TViewSubmission;
    const ack = ackOf(args);
    const read = readForm(view.state.values);
    if ('errors' in read) {
      await ack?.({ response_action: 'errors', errors: read.errors });
      return;
    }
    await ack?.();
    const metadata = metadataSchema.safeParse(jsonOrEmpty(view.private_metadata));
    if (!metadata.success) {
      logger.warn(`${view.callback_id ?? 'view'}: unexpected private_metadata`);
      return;
    }
    args.context.subject = { form: read.form, metadata: metadata.data, userId: user.id };
    await args.next();
  };
}

/** private_metadata round-trips as JSON we wrote; anything else is judged as no metadata at all. */
function jsonOrEmpty(text: string | undefined): unknown {
  try {
    return JSON.parse(text || '{}') as unknown;
  } catch {
    return {};
  }
}
