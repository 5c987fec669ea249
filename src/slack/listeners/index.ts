import type { App } from '@slack/bolt';
import type { TSlackServices } from '../services';
import { registerAtRiskOpenEscalationButton } from './actions/customer-at-risk';
import { registerCustomerProfileButton } from './actions/customer-profile';
import { registerDetractorOpenEscalation } from './actions/detractor-open-escalation';
import { registerEscalationButtons } from './actions/escalation-buttons';
import { registerCreateSuggestedTheme } from './actions/theme-create-suggested';
import { registerThemeLinkTicketButton } from './actions/theme-link-ticket';
import { registerThemeResolveButton } from './actions/theme-resolve';
import { registerAdvocateCommand } from './commands/advocate';
import { registerAppHome } from './events/app-home';
import { registerReactionListeners } from './events/reactions';
import { registerFlagShortcut } from './shortcuts/flag-for-advocacy';
import { registerIntakeSubmission } from './views/intake-submission';
import { registerThemeLinkTicketSubmission } from './views/theme-link-ticket-submission';
import { registerThemeResolveSubmission } from './views/theme-resolve-submission';

/** Every Slack surface Advocate listens on. The manifest test checks this list against manifest.yml. */
export function registerListeners(app: App, services: TSlackServices) {
  registerAdvocateCommand(app, services);
  registerFlagShortcut(app, services);
  registerIntakeSubmission(app, services);
  registerReactionListeners(app, services);
  registerEscalationButtons(app, services);
  registerAppHome(app, services);
  registerThemeResolveButton(app, services);
  registerThemeResolveSubmission(app, services);
  registerThemeLinkTicketButton(app, services);
  registerThemeLinkTicketSubmission(app, services);
  registerCreateSuggestedTheme(app, services);
  registerDetractorOpenEscalation(app, services);
  registerCustomerProfileButton(app, services);
  registerAtRiskOpenEscalationButton(app, services);
}
