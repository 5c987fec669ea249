import { evaluateAtRisk } from '../../core/customers/at-risk';
import { retentionReport } from '../../core/customers/retention-report';
import type { TWeeklyReportSection } from '../digests/weekly-report-sections';
import { atRiskReportBlocks, retentionBlocks } from './retention-views';

const RETENTION_BLOCKS = 3;
const AT_RISK_BLOCKS = 5;

/** Customer and revenue retention for the last full month and quarter, with who churned and the warning signs. */
export const retentionSection: TWeeklyReportSection = {
  name: 'customer-retention',
  maxBlocks: RETENTION_BLOCKS,
  async build(services, context) {
    const clock = { now: () => context.now };
    return retentionBlocks(await retentionReport({ db: services.deps.db, clock }, services.config.digest.timeZone));
  },
};

/** Everyone at risk as of the report, most reasons first, then by ARR. */
export const atRiskSection: TWeeklyReportSection = {
  name: 'customers-at-risk',
  maxBlocks: AT_RISK_BLOCKS,
  async build(services, context) {
    const list = await evaluateAtRisk(services.deps.db.prisma, context.now, services.config.digest.timeZone);
    return atRiskReportBlocks(list, AT_RISK_BLOCKS);
  },
};
