import { signSlackRequest } from './signing';

export type AppContentType = 'application/x-www-form-urlencoded' | 'application/json';

export interface AppResponse {
  status: number;
  text: string;
  json?: unknown;
  /** The app did not answer within the time Slack waits (status is then 0). */
  timedOut?: boolean;
}

/** Headers Slack adds when it delivers an event again after a failed or slow attempt. */
export function retryHeaders(retryNum: number, reason = 'http_timeout'): Record<string, string> {
  return { 'X-Slack-Retry-Num': String(retryNum), 'X-Slack-Retry-Reason': reason };
}

/**
 * Sends a signed request the way Slack delivers commands, interactions and events. The content type
 * is sent without a charset because Bolt compares it exactly before parsing a form body.
 */
export async function postToApp(
  appUrl: string,
  signingSecret: string,
  body: string,
  contentType: AppContentType,
  extraHeaders: Record<string, string> = {},
  timeoutMs = 3000,
): Promise<AppResponse> {
  const headers = { 'Content-Type': contentType, ...signSlackRequest(signingSecret, body), ...extraHeaders };
  try {
    const res = await fetch(appUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, ...(json !== undefined ? { json } : {}) };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') return { status: 0, text: '', timedOut: true };
    throw error;
  }
}
