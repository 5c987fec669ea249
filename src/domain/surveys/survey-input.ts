import { z } from 'zod';
import { CUSTOMER_NAME_MAX_LENGTH } from '../escalations/vocabulary';
import { refineSafeText } from '../safe-text';
import { SCORE_RANGE, SURVEY_KINDS } from './score-classes';

export const COMMENT_MAX_LENGTH = 5000;
export const EXTERNAL_ID_MAX_LENGTH = 200;
/** A survey tool's clock may run a little ahead of ours; more than this ahead is a mistake, not skew. */
export const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * One survey response as a survey tool sends it (../shared/INTERFACE.md "Survey webhook body"). `now` is read per
 * validation, so "not in the future" follows the injected clock.
 */
export function surveyResponseSchema(now: () => Date) {
  return z
    .object({
      kind: z.enum(SURVEY_KINDS, 'must be "nps" or "csat"'),
      score: z.number('must be a whole number').int('must be a whole number'),
      customer: z
        .string("must be the customer's name")
        .trim()
        .min(1, 'must not be empty')
        .max(CUSTOMER_NAME_MAX_LENGTH, `must be at most ${CUSTOMER_NAME_MAX_LENGTH} characters`)
        .superRefine(refineSafeText),
      comment: z
        .string('must be text')
        .max(COMMENT_MAX_LENGTH, `must be at most ${COMMENT_MAX_LENGTH} characters`)
        .superRefine(refineSafeText)
        .nullish(),
      respondedAt: z.iso
        .datetime({ offset: true, message: 'must be an ISO 8601 date-time such as "2026-11-20T14:03:00Z"' })
        .transform((text) => new Date(text))
        .refine((date) => date.getTime() <= now().getTime() + FUTURE_SKEW_MS, 'must not be in the future')
        .optional(),
      externalId: z
        .string('must be text')
        .trim()
        .min(1, 'must not be empty')
        .max(EXTERNAL_ID_MAX_LENGTH, `must be at most ${EXTERNAL_ID_MAX_LENGTH} characters`)
        .superRefine(refineSafeText)
        .nullish(),
    })
    .superRefine((item, ctx) => {
      const { min, max } = SCORE_RANGE[item.kind];
      if (item.score < min || item.score > max) {
        ctx.addIssue({
          code: 'custom',
          path: ['score'],
          message: `must be from ${min} to ${max} for ${item.kind.toUpperCase()}; got ${item.score}`,
        });
      }
    });
}
