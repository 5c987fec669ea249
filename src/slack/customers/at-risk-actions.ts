import type { App, BlockAction } from '@slack/bolt';
import { findCustomer } from '../../core/customers/customer-queries';
import { intakeModal } from '../escalations/intake-modal';
import { ActionId } from '../kit/ids';
import { advocatesOnly } from '../kit/middleware/advocates-only';
import type { TMiddleware } from '../kit/middleware/context';
import { buttonPress } from '../kit/middleware/reply-where';
import type { TSlackServices } from '../kit/slack-services';
import { type TCustomerButtonContext, ZCustomerButton } from './customer-profile-action';

/**
 * "Open escalation" on an at-risk announcement: the intake form with the customer filled in. The modal must open
 * within the trigger's 3 seconds, so it is opened before anything slow; the escalation is created on submit by the
 * intake form's own listener, with the announcement's channel as its source.
 */
export const onAtRiskOpenEscalation =
  (services: TSlackServices): TMiddleware<TCustomerButtonContext> =>
  async ({ context, client }) => {
    const { action, value } = context.subject;
    const customer = await findCustomer(services.deps, value.customerId);
    if (!customer) {
      await context.reply({ text: 'That customer no longer exists.', blocks: [] });
      return;
    }
    if (!action.trigger_id) {
      services.logger.warn(`${ActionId.OpenEscalationForCustomer}: no trigger_id`);
      return;
    }
    const channelId = action.channel?.id ?? action.container?.channel_id ?? services.config.slack.advocateChannelId;
    await client.views.open({
      trigger_id: action.trigger_id,
      view: intakeModal({ channelId, responseUrl: action.response_url }, { customer: customer.name }),
    });
  };

export function registerAtRiskOpenEscalationButton(app: App, services: TSlackServices) {
  app.action<BlockAction, TCustomerButtonContext>(
    ActionId.OpenEscalationForCustomer,
    ...buttonPress(services, ZCustomerButton),
    advocatesOnly(services, 'canActOnEscalations', 'open escalations for customers at risk'),
    onAtRiskOpenEscalation(services),
  );
}
