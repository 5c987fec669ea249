/** `npm run db:migrate`: applies pending migrations and exits (a release step for platforms that have one). */
import { ConfigError, describeDatabase, loadDatabaseUrl, processEnvironment } from '../config';
import { MigrationError, migrateDatabase } from '../core/shared/db/migrations';

try {
  const databaseUrl = loadDatabaseUrl(processEnvironment());
  const report = await migrateDatabase(databaseUrl);
  console.log(
    report.applied.length
      ? `applied ${report.applied.length} migration(s): ${report.applied.join(', ')}`
      : `database is up to date (${report.alreadyApplied} migration(s) applied before)`,
  );
  console.log(`wrote to ${describeDatabase(databaseUrl)}`);
} catch (error) {
  if (error instanceof ConfigError || error instanceof MigrationError) {
    console.error(`advocate: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
