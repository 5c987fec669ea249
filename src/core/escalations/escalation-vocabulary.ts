export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type TSeverity = (typeof SEVERITIES)[number];

export const isSeverity = (value: string): value is TSeverity => (SEVERITIES as readonly string[]).includes(value);

export const severityRank = (severity: string) => SEVERITIES.indexOf(severity as TSeverity);

export const SEVERITY_EMOJI: Record<TSeverity, string> = {
  low: ':large_green_circle:',
  medium: ':large_yellow_circle:',
  high: ':large_orange_circle:',
  critical: ':red_circle:',
};

/**
 * `withdrawn`: taken back by its reporter or an advocate (flagged by mistake). Like a resolved one it is not open
 * (not in `list`, the open digest or SLAs); unlike one it is never counted as resolved. Its own status value, so no
 * query that counts `resolved` can count it by accident.
 */
export const OPEN_STATUSES: string[] = ['open', 'claimed'];
export const isOpenStatus = (status: string) => OPEN_STATUSES.includes(status);

export const escalationRef = (id: number) => `ADV-${id}`;
export const themeRef = (id: number) => `THM-${id}`;

/** `ADV-12` / `adv-12` → 12; anything else → null. */
export function parseEscalationRef(text: string): number | null {
  const match = /^ADV-(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : null;
}

export function parseThemeRef(text: string): number | null {
  const match = /^THM-(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : null;
}

/**
 * The longest summary stored. Slack documents no limit for a slash command's text; 40,000 characters is its limit
 * for a message's text, so anything an agent can paste fits. The card shows the start; `show ADV-n` the whole.
 */
export const SUMMARY_MAX_LENGTH = 40_000;
/** Slack's own limit for a plain_text_input, so the intake form's summary can be no longer. */
export const INTAKE_SUMMARY_MAX_LENGTH = 3000;
export const CUSTOMER_NAME_MAX_LENGTH = 200;
export const TAG_PATTERN = /^[a-z0-9-]{1,40}$/;
export const MAX_TAGS = 10;
