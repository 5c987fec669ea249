import { themeRef } from '../escalations/escalation-vocabulary';
import { AppError, ErrorCode } from '../shared/app-error';
import type { TDomainDeps } from '../shared/deps';
import { summarizeTheme, type TThemeSummary } from './theme-summary';
import { findTheme, listOpenThemes, type TTheme } from './themes-repository';

export async function getThemeOrFail(deps: Pick<TDomainDeps, 'db'>, id: number): Promise<TTheme> {
  const theme = await findTheme(deps.db.prisma, id);
  if (!theme) throw new AppError(ErrorCode.NotFound, { userMessage: `There is no ${themeRef(id)}.` });
  return theme;
}

/** Open themes, the ones affecting the most customers first (then the most escalations still open, then oldest). */
export async function openThemesByCustomers(
  deps: Pick<TDomainDeps, 'db'>,
): Promise<{ theme: TTheme; summary: TThemeSummary }[]> {
  const themes = await listOpenThemes(deps.db.prisma);
  return themes
    .map((theme) => ({ theme, summary: summarizeTheme(theme) }))
    .sort(
      (a, b) =>
        b.summary.customers.length - a.summary.customers.length ||
        b.summary.open - a.summary.open ||
        a.theme.id - b.theme.id,
    );
}

/** The theme, or null when there is none. */
export function findThemeById(deps: Pick<TDomainDeps, 'db'>, id: number): Promise<TTheme | null> {
  return findTheme(deps.db.prisma, id);
}
