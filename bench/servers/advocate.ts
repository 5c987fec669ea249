/** The real app for the benchmark: config from the environment, as `npm start` reads it. */
import { startAdvocate } from '../../src/app/start-advocate';
import { loadConfig } from '../../src/config';

const running = await startAdvocate(loadConfig(process.env), {});
process.stdout.write(`${JSON.stringify({ port: running.port, pid: process.pid })}\n`);
process.on('SIGTERM', () => running.stop().then(() => process.exit(0)));
