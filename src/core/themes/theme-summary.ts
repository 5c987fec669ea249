import { SEVERITIES, type TSeverity } from '../escalations/escalation-vocabulary';
import type { TTheme } from './themes-repository';

export type TCustomerLike = { id: number; name: string; mergedIntoId: number | null };

/** Two records of one merged customer are one customer affected. */
export const customerKey = (customer: TCustomerLike) => customer.mergedIntoId ?? customer.id;

/** The distinct customers of these escalations, by name, most escalations first. */
export function distinctCustomers(escalations: { customer: TCustomerLike | null }[]): string[] {
  const byKey = new Map<number, { name: string; count: number }>();
  for (const { customer } of escalations) {
    if (!customer) continue;
    const key = customerKey(customer);
    const entry = byKey.get(key) ?? { name: customer.name, count: 0 };
    entry.count += 1;
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).map((e) => e.name);
}

export interface TThemeSummary {
  customers: string[];
  linked: number;
  open: number;
  resolved: number;
  /** Count per severity, most severe first, only those present. */
  severities: { severity: TSeverity; count: number }[];
  firstReportAt: Date | null;
  latestReportAt: Date | null;
}

/** What the theme card and the weekly report say about a theme, from its linked escalations. */
export function summarizeTheme(theme: Pick<TTheme, 'escalations'>): TThemeSummary {
  const { escalations } = theme;
  const resolved = escalations.filter((escalation) => escalation.status === 'resolved').length;
  const severities = [...SEVERITIES]
    .reverse()
    .map((severity) => ({ severity, count: escalations.filter((e) => e.severity === severity).length }))
    .filter((entry) => entry.count > 0);
  const times = escalations.map((escalation) => escalation.createdAt.getTime());
  return {
    customers: distinctCustomers(escalations),
    linked: escalations.length,
    open: escalations.length - resolved,
    resolved,
    severities,
    firstReportAt: times.length ? new Date(Math.min(...times)) : null,
    latestReportAt: times.length ? new Date(Math.max(...times)) : null,
  };
}
