import type { TPermission } from '../../core/shared/authz';
import type { TCommand } from './parse-command';

/** What a sub-command needs, and what anyone without it is told they may not do. */
export type TCommandRule = { permission: TPermission; what: string } | 'anyone';

/**
 * Each `/advocate` sub-command's permission (who holds it: core/shared/authz.ts), asked before it runs. Three ask more
 * inside: `show` (one's own escalations, or every one), `withdraw` (one's own, or any for an advocate) and the escalation changes (`assign` is explained to anyone;
 * the others are an advocate's and their refusal says how to get the change made).
 */
export const COMMAND_PERMISSIONS: { [K in TCommand['kind']]: TCommandRule } = {
  help: 'anyone',
  flag: { permission: 'canFlag', what: 'flag conversations' },
  'open-modal': { permission: 'canFlag', what: 'flag conversations' },
  survey: { permission: 'canRecordResponses', what: 'record survey responses' },
  show: { permission: 'canSeeOwnEscalations', what: 'see escalations' },
  withdraw: { permission: 'canWithdrawOwnEscalations', what: 'withdraw escalations' },
  list: { permission: 'canSeeAllEscalations', what: 'list the open escalations' },
  digest: { permission: 'canRunDigests', what: 'post digests' },
  subscribe: { permission: 'canManageSubscriptions', what: 'send digests to a channel' },
  subscriptions: { permission: 'canManageSubscriptions', what: 'see where digests go' },
  unsubscribe: { permission: 'canManageSubscriptions', what: 'stop digests in a channel' },
  'customer-profile': { permission: 'canSeeCustomers', what: "see customers' profiles" },
  'customer-at-risk': { permission: 'canSeeCustomers', what: 'see the customers at risk' },
  'customer-merge': { permission: 'canMergeCustomers', what: 'merge customers' },
  'customer-set': { permission: 'canManageAccounts', what: "change a customer's account facts" },
  'channel-show': { permission: 'canFlag', what: 'see which customer this channel belongs to' },
  'channel-link': { permission: 'canManageAccounts', what: 'link a channel to a customer' },
  'channel-unlink': { permission: 'canManageAccounts', what: 'unlink a channel from its customer' },
  themes: { permission: 'canSeeCustomers', what: 'list themes by revenue at stake' },
  'theme-create': { permission: 'canManageThemes', what: 'open themes' },
  'theme-link': { permission: 'canManageThemes', what: 'link escalations to themes' },
  'theme-ticket-link': { permission: 'canManageThemes', what: 'link tickets to themes' },
  'theme-ticket-unlink': { permission: 'canManageThemes', what: 'unlink tickets from themes' },
  'theme-outcome': 'anyone',
  'escalation-change': 'anyone',
  wait: { permission: 'canActOnEscalations', what: "pause an escalation's clock" },
  resume: { permission: 'canActOnEscalations', what: "resume an escalation's clock" },
};
