import { createHmac } from 'node:crypto';

export interface SlackSignatureHeaders {
  'X-Slack-Request-Timestamp': string;
  'X-Slack-Signature': string;
}

/** Signs a request body as Slack does: v0= + HMAC-SHA256 of "v0:<timestamp>:<body>" with the signing secret. */
export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const hex = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': `v0=${hex}` };
}
