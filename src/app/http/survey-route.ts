import { recordSurveyResponses } from '../../core/surveys/record-responses';
import { surveyResponseSchema } from '../../core/surveys/survey-input';
import type { TSlackServices } from '../../slack/kit/slack-services';
import type { TRoute } from './router';
import { webhookRoute } from './webhook';

/** `POST /surveys`: NPS/CSAT responses from a survey tool; answers how many were new and how many repeats. */
export function surveysRoute(services: TSlackServices): TRoute {
  const { deps } = services;
  return webhookRoute({
    path: '/surveys',
    token: services.config.surveyWebhookToken,
    item: surveyResponseSchema(() => deps.clock.now()),
    handle: async (items) => {
      const { accepted, duplicates } = await recordSurveyResponses(deps, { source: 'webhook', responses: items });
      return { accepted, duplicates };
    },
  });
}
