import { existingCustomerNear } from '../../core/customers/customer-queries';
import { recordSurveyResponses, type TRecordedResponse } from '../../core/surveys/record-responses';
import { privately, type TSubcommandHandler } from '../commands/subcommand';
import { newCustomerNearExisting } from '../customers/customer-merge-views';
import type { TSlackServices } from '../kit/slack-services';
import { surveyRecordedMessage } from './survey-recorded';

/** `/advocate nps <0-10> customer:<name> [comment]` and `csat <1-5> …`: one response, recorded by the agent. */
export const surveySubcommand: TSubcommandHandler<'survey'> = async ({ command, slash, respond, services }) => {
  const { recorded } = await recordSurveyResponses(services.deps, {
    source: 'manual',
    recordedById: slash.user_id,
    responses: [{ kind: command.survey, score: command.score, customer: command.customer, comment: command.comment }],
  });
  const entry = recorded[0]!;
  const answer = surveyRecordedMessage(entry);
  const near = await closeCustomerOf(services, entry);
  await respond(privately(near ? { ...answer, blocks: [...answer.blocks, near] } : answer));
};

/** The response's customer was created by this very command and an existing one is close: offer it. */
async function closeCustomerOf(services: TSlackServices, entry: TRecordedResponse) {
  if (!entry.customerCreated) return null;
  const existing = await existingCustomerNear(services.deps, entry.customerName);
  return existing ? newCustomerNearExisting(entry.customerName, existing) : null;
}
