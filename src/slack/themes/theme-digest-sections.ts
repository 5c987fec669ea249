import { openThemesByCustomers } from '../../core/themes/theme-queries';
import { suggestThemes } from '../../core/themes/theme-suggestions';
import { fixChecksInWeek, npsAttributionForWeek } from '../../core/themes/weekly-theme-figures';
import type { TOpenDigestSection } from '../digests/open-digest-sections';
import type { TWeeklyReportSection } from '../digests/weekly-report-sections';
import { openThemesBlocks, themeSuggestionBlocks } from './theme-section-views';
import { fixesWeekBlocks, whyNpsMovedBlocks } from './theme-weekly-views';

const SUGGESTION_BLOCKS = 6;
const OPEN_THEMES_BLOCKS = 4;

/** The open digest proposes a theme where several customers report the same #tag and no theme covers them. */
export const themeSuggestionsSection: TOpenDigestSection = {
  name: 'theme-suggestions',
  maxBlocks: SUGGESTION_BLOCKS,
  async build(services) {
    return themeSuggestionBlocks(await suggestThemes(services.deps), SUGGESTION_BLOCKS);
  },
};

/** The weekly report lists the open themes, the ones hurting the most customers first. */
export const openThemesSection: TWeeklyReportSection = {
  name: 'open-themes',
  maxBlocks: OPEN_THEMES_BLOCKS,
  async build(services, context) {
    return openThemesBlocks(await openThemesByCustomers(services.deps), context.now, OPEN_THEMES_BLOCKS);
  },
};

const FIXES_BLOCKS = 1;
const WHY_NPS_BLOCKS = 7;

/** "Fixes, N days on": the themes whose first outcome check (OUTCOME_CHECK_DAYS, 30 by default) fell in the week. */
export const fixesSection: TWeeklyReportSection = {
  name: 'fixes',
  maxBlocks: FIXES_BLOCKS,
  async build(services, context) {
    const days = services.config.outcomeCheckDays[0];
    if (days === undefined) return [];
    return fixesWeekBlocks(await fixChecksInWeek(services.deps, context.week, days), days, FIXES_BLOCKS);
  },
};

/** "Why NPS moved": the week's detractors by open theme, and comments that may belong to one. */
export const whyNpsMovedSection: TWeeklyReportSection = {
  name: 'why-nps-moved',
  maxBlocks: WHY_NPS_BLOCKS,
  async build(services, context) {
    return whyNpsMovedBlocks(await npsAttributionForWeek(services.deps, context.week), WHY_NPS_BLOCKS);
  },
};
