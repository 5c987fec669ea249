import type { App, BlockAction } from '@slack/bolt';
import { findCustomerFollowingMerges } from '../../../db/repositories/customers';
import { intakeModal } from '../../blocks/intake-modal';
import { ActionId } from '../../ids';
import type { TSlackServices } from '../../services';
import { customerIdOf } from './customer-profile';

/**
 * "Open escalation" on an at-risk announcement: the intake form with the customer filled in. The modal must open
 * within the trigger's 3 seconds, so it is opened before anything slow; the escalation is created on submit by the
 * intake form's own listener, with the announcement's channel as its source.
 */
export function registerAtRiskOpenEscalationButton(app: App, services: TSlackServices) {
  app.action<BlockAction>(ActionId.OpenEscalationForCustomer, async ({ ack, body, client, respond }) => {
    await ack();
    const parsed = customerIdOf(body, services, ActionId.OpenEscalationForCustomer);
    if (!parsed) return;
    const { payload } = parsed;
    const customer = await findCustomerFollowingMerges(services.deps.db.prisma, parsed.customerId);
    if (!customer) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'That customer no longer exists.' });
      return;
    }
    if (!payload.trigger_id) {
      services.logger.warn(`${ActionId.OpenEscalationForCustomer}: no trigger_id`);
      return;
    }
    const channelId = payload.channel?.id ?? payload.container?.channel_id ?? services.config.slack.advocateChannelId;
    await client.views.open({
      trigger_id: payload.trigger_id,
      view: intakeModal({ channelId, responseUrl: payload.response_url }, { customer: customer.name }),
    });
  });
}
