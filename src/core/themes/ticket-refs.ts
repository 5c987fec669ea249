/**
 * Engineering tickets as Advocate names them: one key per ticket and tracker, whatever URL form was pasted.
 * Pure: no database, no Slack.
 */

export type TTracker = 'github' | 'jira' | 'linear' | 'generic';
export const TICKET_STATES = ['open', 'in_progress', 'closed'] as const;
export type TTicketState = (typeof TICKET_STATES)[number];

export interface TTicketRef {
  tracker: TTracker;
  /** github `owner/repo#12`, jira `<site host>/KEY-12`, linear `ENG-12`, generic: the URL as given (normalised). */
  key: string;
  /** The canonical URL shown on the card. */
  url: string;
  /** What the card calls the ticket before it has a title: `acme/api#12`, `KEY-12`, `ENG-12`, the host and path. */
  label: string;
}

export const TICKET_URL_MAX_LENGTH = 2000;

/** Slack wraps pasted URLs as `<https://…>` or `<https://…|label>` in some payloads; take the address. */
export function unwrapSlackUrl(text: string): string {
  const trimmed = text.trim();
  const wrapped = /^<([^<>|]+)(?:\|[^<>]*)?>$/.exec(trimmed);
  return wrapped ? wrapped[1]! : trimmed;
}

const JIRA_KEY = /^[A-Z][A-Z0-9_]{0,49}-\d{1,9}$/;

/** The ticket a URL names, or a sentence saying why it is not one. */
export function parseTicketUrl(input: string): TTicketRef | { problem: string } {
  const text = unwrapSlackUrl(input);
  if (text.length > TICKET_URL_MAX_LENGTH) return { problem: `The URL is over ${TICKET_URL_MAX_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'That is not a URL: paste the ticket’s address, starting with https://.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'Only http(s) links can be tickets.' };
  const host = url.hostname.toLowerCase();
  const parts = url.pathname.split('/').filter(Boolean);
  if (host === 'github.com' || host === 'www.github.com') {
    const [owner, repo, kind, number] = parts;
    if (owner && repo && kind === 'issues' && number && /^\d{1,9}$/.test(number)) {
      const key = `${owner.toLowerCase()}/${repo.toLowerCase()}#${Number(number)}`;
      return {
        tracker: 'github',
        key,
        url: `https://github.com/${owner}/${repo}/issues/${Number(number)}`,
        label: key,
      };
    }
  }
  if (host.endsWith('.atlassian.net')) {
    // /browse/KEY-12, or a board link with ?selectedIssue=KEY-12
    const browsed = parts[0] === 'browse' && parts[1] ? parts[1].toUpperCase() : null;
    const selected = url.searchParams.get('selectedIssue')?.toUpperCase() ?? null;
    const issueKey = [browsed, selected].find((candidate) => candidate && JIRA_KEY.test(candidate));
    if (issueKey)
      return {
        tracker: 'jira',
        key: `${host}/${issueKey}`,
        url: `https://${host}/browse/${issueKey}`,
        label: issueKey,
      };
  }
  if (host === 'linear.app') {
    const [team, kind, identifier] = parts;
    const issueKey = identifier?.toUpperCase();
    if (team && kind === 'issue' && issueKey && JIRA_KEY.test(issueKey))
      return { tracker: 'linear', key: issueKey, url: `https://linear.app/${team}/issue/${issueKey}`, label: issueKey };
  }
  url.hash = '';
  const normalised = url.toString();
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return { tracker: 'generic', key: normalised, url: normalised, label: `${host}${path}` };
}

/** How a key sent to the generic webhook is looked up: a Jira key `KEY-12` without a site matches any site's. */
export const isBareIssueKey = (key: string) => JIRA_KEY.test(key.toUpperCase());

export const ticketStateLabel: Record<TTicketState, string> = {
  open: 'open',
  in_progress: 'in progress',
  closed: 'closed',
};

export const ticketStateEmoji: Record<TTicketState, string> = {
  open: ':white_circle:',
  in_progress: ':large_blue_circle:',
  closed: ':white_check_mark:',
};

export const asTicketState = (state: string): TTicketState =>
  (TICKET_STATES as readonly string[]).includes(state) ? (state as TTicketState) : 'open';
