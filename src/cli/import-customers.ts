/**
 * The customer part of `npm run import -- --customers <file.csv>`: imports account lifecycle events from a CRM
 * export into the database named by DATABASE_URL. Called by ./import.ts without the `--customers` argument.
 */
import { importCustomersCsv } from '../core/customers/customer-import';
import type { TImportSummary } from '../core/imports/run-import';
import { formatImportSummary, runCsvImportCli, type TImportCliIo } from './csv-import-cli';

export const CUSTOMER_IMPORT_USAGE = `usage: npm run import -- --customers <file.csv> [--time-zone <IANA zone>]

Columns (header names in any order and case; the first of each list found is used):
  customer    Customer, Name, Company, Account                     (required)
  event       Event, Status, Lifecycle Stage                       (required: active, renewed or churned;
                                                                    also Activated/New/Won, Renewal, Cancelled/Lost)
  at          At, Date, Event Date, Effective Date                 (required; ISO 8601: 2026-11-01 or
                                                                    2026-11-01T09:00:00Z; without an offset: --time-zone, default UTC)
  externalId  externalId, ID, Event ID                             (without it a row is recognised by its content)
  arr         ARR, Annual Recurring Revenue                        (a number; 120000, 120,000 and $120,000 all work)
A customer's status follows its latest event, whatever the order of the rows. Re-running a file imports only
rows not imported before.

Example:
  customer,event,at,arr,externalId
  Acme Corp,active,2025-01-15,120000,crm-1001
  Acme Corp,renewed,2026-01-15,150000,crm-1002
  Globex,churned,2026-10-31,,crm-1003`;

export function formatCustomerSummary(file: string, summary: TImportSummary & { customersCreated: number }): string {
  const storedLine = `new events stored (${summary.customersCreated.toLocaleString('en-US')} new customers)`;
  return formatImportSummary({ what: 'customer lifecycle events', file, summary, storedLine });
}

export function runCustomerImportCli(args: string[], io: TImportCliIo): Promise<number> {
  return runCsvImportCli(args, io, {
    usage: CUSTOMER_IMPORT_USAGE,
    run: (deps, parsed, input, onProgress) =>
      importCustomersCsv(deps, { input, timeZone: parsed.timeZone, batchSize: parsed.batchSize, onProgress }),
    format: formatCustomerSummary,
  });
}
