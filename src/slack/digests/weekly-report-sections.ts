import type { KnownBlock } from '@slack/types';
import type { TPeriod } from '../../core/shared/time/zoned';
import type { TSlackServices } from '../kit/slack-services';

export interface TWeeklyReportContext {
  /** The ISO week the report covers (the one just ended when scheduled; the current one so far when run by hand). */
  week: TPeriod;
  now: Date;
}

/**
 * A part of the weekly NPS/CSAT report that another capability contributes (themes by customers affected,
 * retention, at-risk customers). Sections render after the survey figures, in the order of WEEKLY_REPORT_SECTIONS (src/app/composition.ts).
 */
export interface TWeeklyReportSection {
  name: string;
  /** The most blocks this section may use; the report trims it to this so the message stays within 50 blocks. */
  maxBlocks: number;
  build(services: TSlackServices, context: TWeeklyReportContext): Promise<KnownBlock[]>;
}
