import { isOpenStatus } from '../escalations/escalation-vocabulary';
import type { TDomainDeps } from '../shared/deps';
import { distinctCustomers, type TCustomerLike } from './theme-summary';
import { tagsOnUnthemedOpenEscalations, unthemedOpenEscalationsTagged } from './themes-repository';

/** How many different customers make a pattern, and how far back we look for them. */
export const SUGGESTION_MIN_CUSTOMERS = 3;
export const SUGGESTION_WINDOW_DAYS = 14;
/** A button value holds at most 2,000 characters; this many IDs fit with room to spare. */
export const SUGGESTION_MAX_ESCALATIONS = 100;

export interface TThemeSuggestion {
  tag: string;
  /** The customers affected, by name, most escalations first. */
  customers: string[];
  /** Oldest first; at most SUGGESTION_MAX_ESCALATIONS. */
  escalationIds: number[];
  /** All the open, unthemed escalations with this tag in the window, even past the cap. */
  escalationCount: number;
}

/** What the suggestion rule looks at in an escalation. */
export interface TSuggestionCandidate {
  id: number;
  status: string;
  themeId: number | null;
  createdAt: Date;
  customer: TCustomerLike | null;
  tags: { tag: string }[];
}

/** The title a theme created from a suggestion gets: "#billing: 3 customers". */
export const suggestedThemeTitle = (tag: string, customers: number) =>
  `#${tag}: ${customers} customer${customers === 1 ? '' : 's'}`;

/**
 * Pure: from open escalations that no theme covers, the #tags that SUGGESTION_MIN_CUSTOMERS or more different
 * customers reported within the window ending at `now`; most customers first, then by tag. Escalations without a
 * customer do not count toward the customers, and are not proposed.
 */
export function findThemeSuggestions(escalations: TSuggestionCandidate[], now: Date): TThemeSuggestion[] {
  const since = now.getTime() - SUGGESTION_WINDOW_DAYS * 86_400_000;
  const byTag = new Map<string, typeof escalations>();
  for (const escalation of escalations) {
    const time = escalation.createdAt.getTime();
    if (!isOpenStatus(escalation.status) || escalation.themeId !== null || !escalation.customer) continue;
    if (time < since || time > now.getTime()) continue;
    for (const { tag } of escalation.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), escalation]);
  }
  const suggestions: TThemeSuggestion[] = [];
  for (const [tag, tagged] of byTag) {
    const customers = distinctCustomers(tagged);
    if (customers.length < SUGGESTION_MIN_CUSTOMERS) continue;
    const ordered = [...tagged].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
    suggestions.push({
      tag,
      customers,
      escalationIds: ordered.slice(0, SUGGESTION_MAX_ESCALATIONS).map((escalation) => escalation.id),
      escalationCount: ordered.length,
    });
  }
  return suggestions.sort((a, b) => b.customers.length - a.customers.length || a.tag.localeCompare(b.tag));
}

/**
 * The open digest's theme proposals as of now. The database first names the tags on enough escalations to matter;
 * only those tags' escalations are read, and the rule above decides.
 */
export async function suggestThemes(deps: Pick<TDomainDeps, 'db' | 'clock'>): Promise<TThemeSuggestion[]> {
  const now = deps.clock.now();
  const window = { since: new Date(now.getTime() - SUGGESTION_WINDOW_DAYS * 86_400_000), until: now };
  const db = deps.db.prisma;
  const tags = await tagsOnUnthemedOpenEscalations(db, window, SUGGESTION_MIN_CUSTOMERS);
  if (tags.length === 0) return [];
  return findThemeSuggestions(await unthemedOpenEscalationsTagged(db, window, tags), now);
}
