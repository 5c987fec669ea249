import type { TSlackServices } from '../../slack/kit/slack-services';
import { customersRoute } from './customer-route';
import { healthRoute } from './health';
import type { TRoute } from './router';
import { surveysRoute } from './survey-route';
import { genericTicketsWebhookRoute, githubWebhookRoute, jiraWebhookRoute } from './ticket-webhooks';

/** Every HTTP route besides Slack's `/slack/events`. Each capability adds its routes here. */
export function appRoutes(services: TSlackServices, isStopping: () => boolean): TRoute[] {
  return [
    healthRoute(services.deps.db, isStopping),
    surveysRoute(services),
    customersRoute(services),
    githubWebhookRoute(services),
    jiraWebhookRoute(services),
    genericTicketsWebhookRoute(services),
  ];
}
