import {
  channelLinkSubcommand,
  channelShowSubcommand,
  channelUnlinkSubcommand,
  customerSetSubcommand,
} from '../customers/account-subcommands';
import {
  customerAtRiskSubcommand,
  customerMergeSubcommand,
  customerProfileSubcommand,
} from '../customers/customer-subcommands';
import { digestSubcommand } from '../digests/digest-subcommand';
import { subscribeSubcommand, subscriptionsSubcommand, unsubscribeSubcommand } from '../digests/subscribe-subcommands';
import { escalationChangeSubcommand } from '../escalations/escalation-change-subcommands';
import { resumeSubcommand, waitSubcommand } from '../escalations/escalation-waiting-controls';
import { flagSubcommand } from '../escalations/flag-subcommand';
import { listSubcommand, showSubcommand } from '../escalations/list-and-show-subcommands';
import { openModalSubcommand } from '../escalations/open-intake-subcommand';
import { withdrawSubcommand } from '../escalations/withdraw-subcommand';
import { surveySubcommand } from '../surveys/survey-subcommands';
import { themeOutcomeSubcommand } from '../themes/theme-outcome-subcommand';
import {
  themeCreateSubcommand,
  themeLinkSubcommand,
  themesAtStakeSubcommand,
  themeTicketLinkSubcommand,
  themeTicketUnlinkSubcommand,
} from '../themes/theme-subcommands';
import type { TSubcommandHandlers } from './subcommand';

/** Each capability adds its sub-commands here; a kind without a handler is answered as unavailable. */
export const subcommandHandlers: TSubcommandHandlers = {
  flag: flagSubcommand,
  'open-modal': openModalSubcommand,
  list: listSubcommand,
  show: showSubcommand,
  digest: digestSubcommand,
  subscribe: subscribeSubcommand,
  subscriptions: subscriptionsSubcommand,
  unsubscribe: unsubscribeSubcommand,
  survey: surveySubcommand,
  'theme-create': themeCreateSubcommand,
  'theme-link': themeLinkSubcommand,
  'theme-ticket-link': themeTicketLinkSubcommand,
  'theme-ticket-unlink': themeTicketUnlinkSubcommand,
  'theme-outcome': themeOutcomeSubcommand,
  themes: themesAtStakeSubcommand,
  'customer-profile': customerProfileSubcommand,
  'customer-at-risk': customerAtRiskSubcommand,
  'customer-merge': customerMergeSubcommand,
  'customer-set': customerSetSubcommand,
  'channel-show': channelShowSubcommand,
  'channel-link': channelLinkSubcommand,
  'channel-unlink': channelUnlinkSubcommand,
  'escalation-change': escalationChangeSubcommand,
  withdraw: withdrawSubcommand,
  wait: waitSubcommand,
  resume: resumeSubcommand,
};
