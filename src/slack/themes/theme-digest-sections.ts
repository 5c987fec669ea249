import { openThemesByCustomers } from '../../core/themes/theme-queries';
import { suggestThemes } from '../../core/themes/theme-suggestions';
import type { TOpenDigestSection } from '../digests/open-digest-sections';
import type { TWeeklyReportSection } from '../digests/weekly-report-sections';
import { openThemesBlocks, themeSuggestionBlocks } from './theme-section-views';

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
