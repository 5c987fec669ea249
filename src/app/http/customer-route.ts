import { customerEventSchema } from '../../core/customers/lifecycle-input';
import { recordCustomerEvents } from '../../core/customers/record-lifecycle';
import type { TSlackServices } from '../../slack/kit/slack-services';
import type { TRoute } from './router';
import { webhookRoute } from './webhook';

/** `POST /customers`: account lifecycle from a CRM; answers how many events were new, repeats, and new customers. */
export function customersRoute(services: TSlackServices): TRoute {
  const { deps, config } = services;
  return webhookRoute({
    path: '/customers',
    token: config.surveyWebhookToken,
    item: customerEventSchema({ now: () => deps.clock.now(), timeZone: config.digest.timeZone }),
    handle: async (items) => {
      const result = await recordCustomerEvents(deps, { source: 'webhook', events: items });
      return { accepted: result.accepted, duplicates: result.duplicates, customersCreated: result.customersCreated };
    },
  });
}
