import { hasFacts } from '../../core/customers/account-facts';
import { customerEventSchema } from '../../core/customers/lifecycle-input';
import { resolveOwners } from '../../core/customers/owner-directory';
import { recordCustomerEvents, type TLifecycleInput } from '../../core/customers/record-lifecycle';
import { ownerDirectoryFor } from '../../slack/customers/slack-owner-directory';
import type { TSlackServices } from '../../slack/kit/slack-services';
import type { TRoute } from './router';
import { webhookRoute } from './webhook';

/**
 * `POST /customers`: account lifecycle and account facts from a CRM; answers how many events were new, repeats, and
 * new customers, and, when facts came, how many customers changed and which owner emails no Slack user has (kept
 * as text: one unknown owner never fails the batch).
 */
export function customersRoute(services: TSlackServices): TRoute {
  const { deps, config } = services;
  const directory = ownerDirectoryFor(services.client, (_email, reason) =>
    services.logger.warn(`users.lookupByEmail failed for an owner email: ${reason}`),
  );
  return webhookRoute({
    path: '/customers',
    token: config.surveyWebhookToken,
    item: customerEventSchema({
      now: () => deps.clock.now(),
      timeZone: config.digest.timeZone,
      tiers: config.accounts.tiers,
    }),
    handle: async (items) => {
      const owners = await resolveOwners(
        items.map((item) => item.owner),
        directory,
      );
      const events: TLifecycleInput[] = items.map((item) => ({
        customer: item.customer,
        event: item.event,
        at: item.at,
        externalId: item.externalId,
        arr: item.arr,
        facts: {
          owner: item.owner ? owners.stored.get(item.owner) : undefined,
          tier: item.tier ?? undefined,
          renewalAt: item.renewalAt ?? undefined,
          arr: item.arr ?? undefined,
          domains: item.domains ?? undefined,
        },
      }));
      const result = await recordCustomerEvents(deps, { source: 'webhook', events });
      const withFacts = events.some(
        (event) => event.event === 'updated' || hasFacts({ ...event.facts, arr: undefined }),
      );
      return {
        accepted: result.accepted,
        duplicates: result.duplicates,
        customersCreated: result.customersCreated,
        ...(withFacts ? { customersUpdated: result.customersUpdated, unknownOwners: owners.unknown } : {}),
      };
    },
  });
}
