import type { App } from '@slack/bolt';
import { OUTGOING_TIMEOUT_MS } from '../../../app/fetch-with-timeout';
import { flagEscalation } from '../../../domain/escalations/flag-escalation';
import { CallbackId } from '../../ids';
import type { TSlackServices } from '../../services';
import { confirmFlag } from '../confirm-flag';
import { ZJsonText } from '../payloads';
import { userFacingError } from '../respond-with-error';
import { parseIntakeForm, ZIntakeMetadata } from './intake-form';

/**
 * The intake form's submit: field errors go back into the form; a valid form closes it, then the escalation is
 * stored and the agent is told privately where they started (response_url) or by DM.
 */
export function registerIntakeSubmission(app: App, services: TSlackServices) {
  app.view(CallbackId.IntakeModal, async ({ ack, view, body, client }) => {
    const metadata = ZJsonText.pipe(ZIntakeMetadata).safeParse(view.private_metadata || '{}');
    const parsed = parseIntakeForm(view.state.values as Parameters<typeof parseIntakeForm>[0]);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await ack();
    const userId = body.user.id;
    const tell = async (message: { text: string; blocks?: unknown[] }) => {
      if (metadata.success && metadata.data.responseUrl) {
        const response = await fetch(metadata.data.responseUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...message }),
          signal: AbortSignal.timeout(OUTGOING_TIMEOUT_MS),
        }).catch(() => null);
        if (response?.ok) return;
      }
      await client.chat.postMessage({ channel: userId, text: message.text, blocks: message.blocks as never });
    };
    services.background(async () => {
      try {
        const { form } = parsed;
        const source = metadata.success ? metadata.data : { channelId: userId };
        const created = await flagEscalation(services.deps, {
          reporterId: userId,
          sourceChannelId: source.channelId,
          sourceMessageTs: 'messageTs' in source ? source.messageTs : undefined,
          sourceLink: form.link,
          summary: form.summary,
          severity: form.severity,
          tags: form.tags,
          customer: form.customer,
          via: metadata.success && metadata.data.messageTs ? 'shortcut' : 'modal',
        });
        await tell(await confirmFlag(services, created));
      } catch (error) {
        await tell(userFacingError(error, services.logger)).catch((tellError) =>
          services.logger.error('could not answer a form:', tellError),
        );
      }
    });
  });
}
