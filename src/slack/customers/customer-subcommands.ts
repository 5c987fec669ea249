import { customerProfile } from '../../core/customers/customer-profile';
import { customersAtRisk } from '../../core/customers/customer-queries';
import { mergeCustomers } from '../../core/customers/merge-customers';
import { privately, type TSubcommandHandler } from '../commands/subcommand';
import { atRiskListMessage } from './at-risk-views';
import { customerMergeMessage } from './customer-merge-views';
import { customerProfileMessage, unknownCustomerMessage } from './customer-profile-view';

export const customerProfileSubcommand: TSubcommandHandler<'customer-profile'> = async ({
  command,
  respond,
  services,
}) => {
  const lookup = await customerProfile(services.deps, { name: command.name }, services.config.digest.timeZone);
  await respond(
    privately(
      lookup.found ? customerProfileMessage(lookup.profile) : unknownCustomerMessage(lookup.name, lookup.suggestions),
    ),
  );
};

export const customerAtRiskSubcommand: TSubcommandHandler<'customer-at-risk'> = async ({ respond, services }) => {
  const list = await customersAtRisk(services.deps, services.config.digest.timeZone);
  await respond(privately(atRiskListMessage(list)));
};

/** Merging rewrites where a customer's history lives, so it is for advocates (commands/command-permissions.ts). */
export const customerMergeSubcommand: TSubcommandHandler<'customer-merge'> = async ({
  command,
  slash,
  respond,
  services,
}) => {
  const result = await mergeCustomers(services.deps, {
    from: command.from,
    into: command.into,
    actorId: slash.user_id,
    via: 'command',
  });
  await respond(privately(customerMergeMessage(result)));
};
