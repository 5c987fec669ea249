import { existingCustomerNear } from '../../core/customers/customer-queries';
import { cardState } from '../../core/escalations/escalation-queries';
import type { TEscalation } from '../../core/escalations/escalations-repository';
import { newCustomerNearExisting } from '../customers/customer-merge-views';
import type { TMessage } from '../kit/block-limits';
import { slackErrorReason } from '../kit/slack-errors';
import type { TSlackServices } from '../kit/slack-services';
import { flagConfirmation } from './flag-confirmation';

/** The agent's confirmation for a just-flagged escalation, with a permalink to its card when it was posted. */
export async function confirmFlag(
  services: TSlackServices,
  flagged: TEscalation & { customerCreated?: boolean },
): Promise<TMessage> {
  // Posted by this request: the escalation says where. Otherwise the outbox recorded why not.
  const posted = flagged.postState === 'posted' && flagged.cardTs !== null;
  const escalation = posted ? flagged : { ...flagged, ...(await cardState(services.deps, flagged.id)) };
  let link: string | null = null;
  if (escalation.cardTs && escalation.cardChannelId) {
    link = await services.permalinks.of(escalation.cardChannelId, escalation.cardTs).catch((error) => {
      services.logger.warn(`getPermalink failed: ${slackErrorReason(error)}`);
      return null;
    });
  }
  const confirmation = flagConfirmation(escalation, link, services.config.slack.advocateChannelId);
  const near = await closeCustomerOf(services, flagged);
  return near ? { ...confirmation, blocks: [...confirmation.blocks, near] } : confirmation;
}

/**
 * A customer created by this very flag whose name is close to an existing
 * one: the note offering the existing one. Looked up after the flag is stored and acknowledged, off the hot path,
 * and only for a new customer (rare); a failure to look is logged and leaves the confirmation as it was.
 */
async function closeCustomerOf(services: TSlackServices, flagged: TEscalation & { customerCreated?: boolean }) {
  const customer = flagged.customer;
  if (!customer || !flagged.customerCreated) return null;
  const existing = await existingCustomerNear(services.deps, customer.name).catch((error) => {
    services.logger.warn('customer suggestions failed:', error);
    return null;
  });
  return existing ? newCustomerNearExisting(customer.name, existing) : null;
}
