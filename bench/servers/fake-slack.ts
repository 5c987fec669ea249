/** The fast fake Slack for the benchmark: the stand-in in its own process, so it never shares a core's event loop with the load. */
import { startSlackStandIn } from '@advocate/slack-standin';

const slack = await startSlackStandIn();
// The history is kept: the reaction benchmark updates the cards the flag benchmark posted.
process.stdout.write(`${JSON.stringify({ url: slack.url, token: slack.botToken })}\n`);
process.on('SIGTERM', () => slack.close().then(() => process.exit(0)));
