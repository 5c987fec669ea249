/** `npm run import -- <file.csv>` imports survey responses; `npm run import -- --customers <file.csv>` CRM events. */
import { processEnvironment } from '../config';
import type { TImportCliIo } from './csv-import-cli';
import { runCustomerImportCli } from './import-customers';
import { runSurveyImportCli } from './import-surveys';

const args = process.argv.slice(2);
const io: TImportCliIo = { stdout: process.stdout, stderr: process.stderr, env: processEnvironment() };
process.exitCode = args.includes('--customers')
  ? await runCustomerImportCli(
      args.filter((arg) => arg !== '--customers'),
      io,
    )
  : await runSurveyImportCli(args, io);
