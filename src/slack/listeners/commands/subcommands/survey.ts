import { existingCustomerNear } from '../../../../domain/customers/queries';
import { recordSurveyResponses, type TRecordedResponse } from '../../../../domain/surveys/record-responses';
import { newCustomerNearExisting } from '../../../blocks/customer-merge';
import { surveyRecordedMessage } from '../../../blocks/survey-recorded';
import type { TSlackServices } from '../../../services';
import { privately, type TSubcommandHandler } from '../subcommand';

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
