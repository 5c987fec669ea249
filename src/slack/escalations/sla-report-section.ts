import { slaWeek } from '../../core/escalations/sla-report';
import type { TWeeklyReportSection } from '../digests/weekly-report-sections';
import { slaWeekBlocks } from './sla-report-views';

/** Weekly report: SLA met % per severity and tier, time to claim and resolve, the breaches by name. */
export const slaWeekSection: TWeeklyReportSection = {
  name: 'slas',
  maxBlocks: 2,
  async build(services, context) {
    return slaWeekBlocks(await slaWeek(services.deps.db.prisma, services.config.sla.policy, context.week, context.now));
  },
};
