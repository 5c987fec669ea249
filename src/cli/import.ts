/**
 * `npm run import -- <file.csv>` imports survey responses; `npm run import -- --customers <file.csv>` imports
 * customers (./import-customers, which exports `runCustomerImportCli(args, io)` with the same io and exit codes).
 */
import { runSurveyImportCli, type TImportCliIo } from './import-surveys';

type TCustomerImport = { runCustomerImportCli?: (args: string[], io: TImportCliIo) => Promise<number> };

async function main(args: string[]): Promise<number> {
  const io: TImportCliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };
  if (!args.includes('--customers')) return runSurveyImportCli(args, io);
  // Loaded by a computed name so that a build without the customer import still compiles and runs surveys.
  const customerModule = './import-customers';
  let loaded: TCustomerImport;
  try {
    loaded = (await import(customerModule)) as TCustomerImport;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    process.stderr.write('import: the customer import is not available in this version of Advocate\n');
    return 1;
  }
  if (!loaded.runCustomerImportCli) throw new Error('./import-customers does not export runCustomerImportCli');
  return loaded.runCustomerImportCli(
    args.filter((arg) => arg !== '--customers'),
    io,
  );
}

process.exitCode = await main(process.argv.slice(2));
