import { firstExistingCustomer } from '../../core/customers/customer-queries';
import { flagConfirmed, flagEscalation } from '../../core/escalations/flag-escalation';
import type { TDomainDeps } from '../../core/shared/deps';
import type { TFlagFields } from '../commands/parse-command';
import { privately, type TSubcommandHandler } from '../commands/subcommand';
import { confirmFlag } from './confirm-flag';
import { flagConfirmation } from './flag-confirmation';

/** Acknowledges Slack as soon as the escalation is stored; the confirmation with the card's link follows. */
export const flagSubcommand: TSubcommandHandler<'flag'> = async ({
  command,
  slash,
  respond,
  services,
  acknowledge,
}) => {
  const { customer, summary } = await completedCustomer(services.deps, command);
  const escalation = await flagEscalation(
    services.deps,
    {
      reporterId: slash.user_id,
      sourceChannelId: slash.channel_id,
      summary,
      severity: command.severity,
      tags: command.tags,
      customer,
      via: 'command',
      queueConfirmation: true,
    },
    () => void acknowledge().catch((error) => services.logger.warn('could not acknowledge a flag:', error)),
  );
  // Stored: from here on a failure (Slack, or the database going away) must not tell the agent it was not.
  const confirmation = await confirmFlag(services, escalation).catch((error) => {
    services.logger.warn(`could not look up ${escalation.id}'s card for its confirmation:`, error);
    return flagConfirmation(escalation, null, services.config.slack.advocateChannelId);
  });
  await respond(privately(confirmation));
  if (escalation.confirmationOutboxId !== null) {
    await flagConfirmed(services.deps, escalation.confirmationOutboxId).catch((error) =>
      services.logger.warn(`could not mark ${escalation.id}'s confirmation delivered:`, error),
    );
  }
};

/**
 * `customer:Acme Corp export broken` unquoted: "Acme Corp" when a customer of that name exists (the longest such),
 * else "Acme" and the rest is the summary, as before.
 */
async function completedCustomer(
  deps: TDomainDeps,
  command: TFlagFields,
): Promise<{ customer?: string; summary: string }> {
  const completions = command.customerCompletions ?? [];
  const found = completions.length
    ? await firstExistingCustomer(
        deps,
        completions.map((completion) => completion.customer),
      )
    : null;
  if (found) return { customer: found.name, summary: completions[found.index]!.summary };
  return { customer: command.customer, summary: command.summary };
}
