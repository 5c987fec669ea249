import { z } from 'zod';
import { customerNameField, externalIdField } from '../imports/import-input-fields';
import { refineSafeText } from '../shared/safe-text';
import { SCORE_RANGE, SURVEY_KINDS } from './score-classes';

export const COMMENT_MAX_LENGTH = 5000;
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
      customer: customerNameField(),
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
      externalId: externalIdField(),
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
