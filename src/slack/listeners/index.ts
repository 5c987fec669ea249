import type { App } from '@slack/bolt';
import type { TSlackServices } from '../services';
import { registerAdvocateCommand } from './commands/advocate';
import { registerFlagShortcut } from './shortcuts/flag-for-advocacy';
import { registerIntakeSubmission } from './views/intake-submission';

/** Every Slack surface Advocate listens on. The manifest test checks this list against manifest.yml. */
export function registerListeners(app: App, services: TSlackServices) {
  registerAdvocateCommand(app, services);
  registerFlagShortcut(app, services);
  registerIntakeSubmission(app, services);
}
