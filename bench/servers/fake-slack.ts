/** The fast fake Slack for the benchmark: the stand-in in its own process, so it never shares a core's event loop with the load. */
import { startSlackStandIn } from '../../src/slack-standin';

const slack = await startSlackStandIn();
// Keep memory flat over thousands of posts: the benchmark only needs the answers, not the history.
setInterval(() => slack.reset(), 2_000).unref();
process.stdout.write(`${JSON.stringify({ url: slack.url, token: slack.botToken })}\n`);
process.on('SIGTERM', () => slack.close().then(() => process.exit(0)));
