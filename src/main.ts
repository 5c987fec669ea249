import { describeListenError } from './app/listen-error';
import { StartupRefusal } from './app/single-instance';
import { startAdvocate } from './app/start-advocate';
import { ConfigError, loadConfig, processEnvironment } from './config';
import { maskDatabaseUrls } from './core/shared/db/database-errors';
import { MigrationError } from './core/shared/db/migrations';
import { createLogger } from './logger';

/** `npm start`: validate the environment, migrate, serve; SIGTERM/SIGINT drain and exit 0. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(processEnvironment());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`advocate: ${maskDatabaseUrls(error.message)}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // A promise nobody awaited must not take the bot down with it: log it and keep serving.
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection:', reason));
  // Exit 1 so the supervisor starts a fresh process: a wedged in-process database is not coming back by itself.
  const onDatabaseStuck = (reason: string) => {
    logger.error(`${reason}; exiting so the supervisor restarts Advocate`);
    process.exit(1);
  };
  try {
    const running =
      config.mode === 'sandbox'
        ? // Loaded only in sandbox mode: the page, its renderer and the Slack stand-in are not needed in production.
          await (await import('./sandbox/start-sandbox')).startSandbox(config, {
            logger,
            schedules: true,
            onDatabaseStuck,
          })
        : await startAdvocate(config, { logger, schedules: true, onDatabaseStuck });
    logger.info(`Advocate is running in ${config.mode} mode on port ${running.port} (${running.db.provider})`);
    if ('pageUrl' in running) {
      logger.info(
        `No SLACK_BOT_TOKEN: sandbox mode, with a built-in stand-in for Slack on loopback. Open ${running.pageUrl}`,
      );
    }
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info(`${signal}: finishing in-flight work`);
      // Draining waits for the database and Slack; neither may keep the process from exiting.
      setTimeout(() => {
        logger.error(`shutdown did not finish within ${config.shutdownTimeoutMs / 1000} s; exiting anyway`);
        process.exit(1);
      }, config.shutdownTimeoutMs).unref();
      running.stop().then(
        () => {
          logger.info('stopped cleanly');
          process.exit(0);
        },
        (error) => {
          logger.error('shutdown failed:', error);
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  } catch (error) {
    const listenProblem = describeListenError(error, config.port);
    if (error instanceof MigrationError || error instanceof StartupRefusal || listenProblem) {
      process.stderr.write(`advocate: ${listenProblem ?? maskDatabaseUrls((error as Error).message)}\n`);
      process.exit(1);
    }
    const code = (error as { code?: string; data?: { error?: string } }).data?.error;
    if (code === 'invalid_auth' || code === 'not_authed') {
      process.stderr.write(
        `advocate: SLACK_BOT_TOKEN was refused by Slack (${code}): copy the Bot User OAuth Token again\n`,
      );
      process.exit(1);
    }
    throw error;
  }
}

main().catch((error) => {
  process.stderr.write(
    `advocate: could not start: ${maskDatabaseUrls(String((error as Error).message).split('\n')[0]!)}\n`,
  );
  process.exit(1);
});
