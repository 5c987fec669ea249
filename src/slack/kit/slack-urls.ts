/** Slack's own hosts, where response_urls and the Web API live. */
const SLACK_HOSTS = /(^|\.)slack\.com$/i;

/**
 * Whether a URL that arrived in a payload (a response_url, or one we put in a modal's private_metadata) may be posted
 * to: https on Slack's hosts, or the host of the Web API this app talks to (SLACK_API_URL: a proxy, the sandbox, tests).
 * Anything else would make Advocate post someone's private answer wherever a payload pointed.
 */
export function isSlackUrl(url: string, apiUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.protocol === 'https:' && SLACK_HOSTS.test(target.hostname)) return true;
  try {
    const api = new URL(apiUrl);
    return target.protocol === api.protocol && target.host === api.host;
  } catch {
    return false;
  }
}
