import { z } from 'zod';

const ZSide = z.object({ score: z.number().int().nullable(), responses: z.number().int().min(0) });
const ZKindOutcome = z.object({
  kind: z.enum(['nps', 'csat']),
  before: ZSide,
  after: ZSide,
  enough: z.boolean(),
  change: z.number().int().nullable(),
});

/** A fix's outcome as queued for the theme card's thread (src/core/themes/fix-outcome.ts computes it). */
export const ZFixOutcome = z.object({
  resolvedAt: z.coerce.date(),
  asOf: z.coerce.date(),
  accounts: z.array(z.string()),
  nps: ZKindOutcome,
  csat: ZKindOutcome,
  renewed: z.array(z.string()),
  churned: z.array(z.string()),
  regressions: z.array(z.object({ customer: z.string(), escalationIds: z.array(z.number().int()) })),
  notHeardFrom: z.array(z.string()),
  verdict: z.string(),
});
