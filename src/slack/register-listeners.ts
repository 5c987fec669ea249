import type { App } from '@slack/bolt';
import { registerAdvocateCommand } from './commands/advocate-command';
import { registerAtRiskOpenEscalationButton } from './customers/at-risk-actions';
import { registerCustomerProfileButton } from './customers/customer-profile-action';
import type { TDigestServices } from './digests/digest-kinds';
import { registerEscalationButtons } from './escalations/escalation-buttons';
import { registerWaitingControls } from './escalations/escalation-waiting-controls';
import { registerFlagShortcut } from './escalations/flag-shortcut';
import { registerIntakeSubmission } from './escalations/intake-submission';
import { registerReactionListeners } from './escalations/reactions';
import { registerAppHome } from './home/app-home-opened';
import { registerStormCreateTheme } from './storms/storm-create-theme';
import { registerDetractorOpenEscalation } from './surveys/detractor-open-escalation';
import { registerOwnerToldCustomerButton } from './themes/owner-told-button';
import { registerCreateSuggestedTheme } from './themes/theme-create-suggested';
import { registerThemeLinkDetractorButton } from './themes/theme-link-detractor-button';
import { registerThemeLinkTicketButton } from './themes/theme-link-ticket-button';
import { registerThemeLinkTicketSubmission } from './themes/theme-link-ticket-submission';
import { registerThemeResolveButton } from './themes/theme-resolve-button';
import { registerThemeResolveSubmission } from './themes/theme-resolve-submission';

/** Every Slack surface Advocate listens on. The manifest test checks this list against manifest.yml. */
export function registerListeners(app: App, services: TDigestServices) {
  registerAdvocateCommand(app, services);
  registerFlagShortcut(app, services);
  registerIntakeSubmission(app, services);
  registerReactionListeners(app, services);
  registerEscalationButtons(app, services);
  registerWaitingControls(app, services);
  registerAppHome(app, services);
  registerThemeResolveButton(app, services);
  registerThemeResolveSubmission(app, services);
  registerThemeLinkTicketButton(app, services);
  registerThemeLinkTicketSubmission(app, services);
  registerCreateSuggestedTheme(app, services);
  registerThemeLinkDetractorButton(app, services);
  registerDetractorOpenEscalation(app, services);
  registerCustomerProfileButton(app, services);
  registerAtRiskOpenEscalationButton(app, services);
  registerOwnerToldCustomerButton(app, services);
  registerStormCreateTheme(app, services);
}
