import { z } from 'zod';
import {
  INTAKE_SUMMARY_MAX_LENGTH,
  MAX_TAGS,
  SEVERITIES,
  TAG_PATTERN,
  type TSeverity,
} from '../../core/escalations/escalation-vocabulary';
import { INTAKE_ACTION, IntakeBlock, type TIntakeMetadata } from './intake-modal';

type TStateValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null }>
>;

export const ZIntakeMetadata = z.object({
  channelId: z.string().min(1),
  messageTs: z.string().optional(),
  responseUrl: z.string().url().optional(),
}) satisfies z.ZodType<TIntakeMetadata>;

export interface TIntakeForm {
  summary: string;
  customer?: string;
  severity: TSeverity;
  tags: string[];
  link?: string;
}

/** Validates the submitted form; on failure returns Slack's `errors` map keyed by block id. */
export function parseIntakeForm(
  values: TStateValues,
): { ok: true; form: TIntakeForm } | { ok: false; errors: Record<string, string> } {
  const read = (block: string) => values[block]?.[INTAKE_ACTION];
  const errors: Record<string, string> = {};
  const summary = (read(IntakeBlock.Summary)?.value ?? '').trim();
  if (summary.split(/\s+/).filter(Boolean).length < 2)
    errors[IntakeBlock.Summary] = 'Describe the problem in at least two words.';
  else if (summary.length > INTAKE_SUMMARY_MAX_LENGTH)
    errors[IntakeBlock.Summary] =
      `Keep it under ${INTAKE_SUMMARY_MAX_LENGTH} characters (Slack's limit for a form field).`;
  const customer = (read(IntakeBlock.Customer)?.value ?? '').trim().replace(/\s+/g, ' ') || undefined;
  if (customer && customer.length > 200) errors[IntakeBlock.Customer] = 'Customer names are at most 200 characters.';
  const severity = read(IntakeBlock.Severity)?.selected_option?.value ?? 'medium';
  if (!(SEVERITIES as readonly string[]).includes(severity))
    errors[IntakeBlock.Severity] = 'Pick low, medium, high or critical.';
  const rawTags = (read(IntakeBlock.Tags)?.value ?? '')
    .split(/[\s,]+/)
    .map((tag) => tag.replace(/^#/, '').toLowerCase())
    .filter(Boolean);
  const badTag = rawTags.find((tag) => !TAG_PATTERN.test(tag));
  if (badTag) errors[IntakeBlock.Tags] = `"${badTag}" is not a tag: use lower-case letters, digits and -.`;
  else if (new Set(rawTags).size > MAX_TAGS) errors[IntakeBlock.Tags] = `At most ${MAX_TAGS} tags.`;
  const link = (read(IntakeBlock.Link)?.value ?? '').trim() || undefined;
  if (link && !z.string().url().safeParse(link).success) errors[IntakeBlock.Link] = 'That is not a link (https://…).';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, form: { summary, customer, severity: severity as TSeverity, tags: [...new Set(rawTags)], link } };
}
