// The baseline: a Bolt app on the same receiver that only acknowledges `/advocate`. Plain JavaScript under plain
// node, so it runs on the same runtime as the production app (dist/main.js), with no TypeScript loader.
import { createServer } from 'node:http';
import bolt from '@slack/bolt';

const { App, HTTPReceiver, LogLevel } = bolt;
const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET, endpoints: '/slack/events' });
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  receiver,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  deferInitialization: true,
});
await app.init();
app.command('/advocate', async ({ ack }) => {
  await ack();
});
const server = createServer(receiver.requestListener);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port, pid: process.pid })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
