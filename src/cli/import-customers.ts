/**
 * The customer part of `npm run import -- --customers <file.csv>`: imports account lifecycle events from a CRM
 * export into the database named by DATABASE_URL. Called by ./import.ts without the `--customers` argument.
 */
import { WebClient } from '@slack/web-api';
import { ConfigError, loadImportAccountSettings } from '../config';
import { importCustomersCsv, type TCustomerImportSummary } from '../core/customers/customer-import';
import { slackOwnerDirectory } from '../slack/customers/slack-owner-directory';
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
Account facts (a Salesforce or HubSpot account export; without an event column every row updates facts only):
  owner       Owner Email, Account Owner, Company Owner, CSM       (an email, resolved to a Slack user with
                                                                    SLACK_BOT_TOKEN set; a Slack user id U…)
  tier        Tier, Plan, Segment                                  (one of ACCOUNT_TIERS, default enterprise,growth,starter)
  renewalAt   Renewal Date, Contract End Date                      (a date: 2027-03-31, or 3/31/2027)
  domains     Domain, Website, Company Domain Name                 (host names; several separated by ; or spaces)
A customer's status follows its latest event, whatever the order of the rows. Re-running a file imports only
rows not imported before.

Example:
  customer,event,at,arr,externalId
  Acme Corp,active,2025-01-15,120000,crm-1001
  Acme Corp,renewed,2026-01-15,150000,crm-1002
  Globex,churned,2026-10-31,,crm-1003`;

export function formatCustomerSummary(file: string, summary: TCustomerImportSummary): string {
  const storedLine = `new events stored (${summary.customersCreated.toLocaleString('en-US')} new customers)`;
  const lines = [formatImportSummary({ what: 'customer lifecycle events', file, summary, storedLine })];
  lines.push(`  ${summary.customersUpdated.toLocaleString('en-US')} customers' account facts changed\n`);
  if (summary.unknownOwners.length) {
    const shown = summary.unknownOwners.slice(0, 20).map((owner) => `"${owner}"`);
    const more = summary.unknownOwners.length > 20 ? ` and ${summary.unknownOwners.length - 20} more` : '';
    lines.push(`Owners not found in Slack (emails kept as text, names not stored): ${shown.join(', ')}${more}\n`);
  }
  return lines.join('');
}

export async function runCustomerImportCli(args: string[], io: TImportCliIo): Promise<number> {
  let settings: ReturnType<typeof loadImportAccountSettings>;
  try {
    settings = loadImportAccountSettings(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`import: ${error.message}\n`);
    return 1;
  }
  const ownerDirectory = settings.slack
    ? slackOwnerDirectory({
        client: new WebClient(settings.slack.botToken, {
          slackApiUrl: settings.slack.apiUrl,
          retryConfig: { retries: 0 },
          rejectRateLimitedCalls: true,
          timeout: 10_000,
        }),
      })
    : undefined;
  return runCsvImportCli(args, io, {
    usage: CUSTOMER_IMPORT_USAGE,
    run: (deps, parsed, input, onProgress) =>
      importCustomersCsv(deps, {
        input,
        timeZone: parsed.timeZone,
        tiers: settings.tiers,
        ownerDirectory,
        batchSize: parsed.batchSize,
        onProgress,
      }),
    format: formatCustomerSummary,
  });
}
