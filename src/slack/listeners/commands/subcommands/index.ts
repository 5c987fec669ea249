import type { TSubcommandHandlers } from '../subcommand';
import { customerAtRiskSubcommand, customerMergeSubcommand, customerProfileSubcommand } from './customer';
import { digestSubcommand } from './digest';
import { escalationChangeSubcommand } from './escalation-change';
import { flagSubcommand } from './flag';
import { listSubcommand, showSubcommand } from './list-and-show';
import { openModalSubcommand } from './open-modal';
import { subscribeSubcommand, unsubscribeSubcommand } from './subscribe';
import { surveySubcommand } from './survey';
import {
  themeCreateSubcommand,
  themeLinkSubcommand,
  themeTicketLinkSubcommand,
  themeTicketUnlinkSubcommand,
} from './theme';

/** Each capability adds its sub-commands here; a kind without a handler is answered as unavailable. */
export const subcommandHandlers: TSubcommandHandlers = {
  flag: flagSubcommand,
  'open-modal': openModalSubcommand,
  list: listSubcommand,
  show: showSubcommand,
  digest: digestSubcommand,
  subscribe: subscribeSubcommand,
  unsubscribe: unsubscribeSubcommand,
  survey: surveySubcommand,
  'theme-create': themeCreateSubcommand,
  'theme-link': themeLinkSubcommand,
  'theme-ticket-link': themeTicketLinkSubcommand,
  'theme-ticket-unlink': themeTicketUnlinkSubcommand,
  'customer-profile': customerProfileSubcommand,
  'customer-at-risk': customerAtRiskSubcommand,
  'customer-merge': customerMergeSubcommand,
  'escalation-change': escalationChangeSubcommand,
};
