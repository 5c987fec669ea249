import type { App } from '@slack/bolt';
import type { TSlackServices } from '../services';
import { registerEscalationButtons } from './actions/escalation-buttons';
import { registerAdvocateCommand } from './commands/advocate';
import { registerAppHome } from './events/app-home';
import { registerReactionListeners } from './events/reactions';
import { registerFlagShortcut } from './shortcuts/flag-for-advocacy';
import { registerIntakeSubmission } from './views/intake-submission';

/** Every Slack surface Advocate listens on. The manifest test checks this list against manifest.yml. */
export function registerListeners(app: App, services: TSlackServices) {
  registerAdvocateCommand(app, services);
  registerFlagShortcut(app, services);
  registerIntakeSubmission(app, services);
  registerReactionListeners(app, services);
  registerEscalationButtons(app, services);
  registerAppHome(app, services);
}
