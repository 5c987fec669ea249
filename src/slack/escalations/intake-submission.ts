import type { App, ViewSubmitAction } from '@slack/bolt';
import { flagEscalation } from '../../core/escalations/flag-escalation';
import { CallbackId } from '../kit/ids';
import { advocatesOnly } from '../kit/middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../kit/middleware/context';
import { responseUrlOrDirect } from '../kit/middleware/reply-surface';
import { replyThrough } from '../kit/middleware/reply-where';
import { submitted, type TFormRead, type TSubmitted } from '../kit/middleware/submitted';
import type { TSlackServices } from '../kit/slack-services';
import { confirmFlag } from './confirm-flag';
import { parseIntakeForm, type TIntakeForm, ZIntakeMetadata } from './intake-form';
import type { TIntakeMetadata } from './intake-modal';

function readIntakeForm(values: unknown): TFormRead<TIntakeForm> {
  const parsed = parseIntakeForm(values as Parameters<typeof parseIntakeForm>[0]);
  return parsed.ok ? { form: parsed.form } : { errors: parsed.errors };
}

/** Without usable metadata the form still counts: it came from the agent's own DM with the app. */
const ZIntakeMetadataOrNone = ZIntakeMetadata.nullable().catch(null);

type TIntakeContext = TListenerContext<TSubmitted<TIntakeForm, TIntakeMetadata | null>>;

/**
 * The intake form's submit: field errors went back into the form; a valid form has closed, so the escalation is
 * stored and the agent is told privately where they started (response_url) or by DM.
 */
export const onIntakeSubmission =
  (services: TSlackServices): TMiddleware<TIntakeContext> =>
  async ({ context }) => {
    const { form, metadata, userId } = context.subject;
    const created = await flagEscalation(services.deps, {
      reporterId: userId,
      sourceChannelId: metadata?.channelId ?? userId,
      sourceMessageTs: metadata?.messageTs,
      sourceLink: form.link,
      summary: form.summary,
      severity: form.severity,
      tags: form.tags,
      customer: form.customer,
      via: metadata?.messageTs ? 'shortcut' : 'modal',
    });
    await context.reply(await confirmFlag(services, created));
  };

export function registerIntakeSubmission(app: App, services: TSlackServices) {
  app.view<ViewSubmitAction, TIntakeContext>(
    CallbackId.IntakeModal,
    submitted(services.logger, readIntakeForm, ZIntakeMetadataOrNone),
    replyThrough<Partial<TIntakeContext>>(({ context, client }) =>
      responseUrlOrDirect(client, context.subject!.userId, context.subject!.metadata?.responseUrl),
    ),
    advocatesOnly(services, 'canFlag', 'flag conversations'),
    onIntakeSubmission(services),
  );
}
