import { recordSurveyResponses } from '../../../../domain/surveys/record-responses';
import { surveyRecordedMessage } from '../../../blocks/survey-recorded';
import { privately, type TSubcommandHandler } from '../subcommand';

/** `/advocate nps <0-10> customer:<name> [comment]` and `csat <1-5> …`: one response, recorded by the agent. */
export const surveySubcommand: TSubcommandHandler<'survey'> = async ({ command, slash, respond, services }) => {
  const { recorded } = await recordSurveyResponses(services.deps, {
    source: 'manual',
    recordedById: slash.user_id,
    responses: [{ kind: command.survey, score: command.score, customer: command.customer, comment: command.comment }],
  });
  await respond(privately(surveyRecordedMessage(recorded[0]!)));
};
