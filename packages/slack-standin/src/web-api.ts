import type { ApiContext, Handler } from './api-context';
import { CHAT_METHODS } from './chat-api';
import { FILE_METHODS } from './files-api';
import { type ApiResult, fail, type Params } from './params';
import { VIEW_METHODS } from './views-api';

export const METHODS: Record<string, Handler> = { ...CHAT_METHODS, ...VIEW_METHODS, ...FILE_METHODS };

export interface AuthInput {
  authorization: string | undefined;
  params: Params;
  /** Slack ignores a token in a JSON body: JSON callers must use the header. */
  isJson: boolean;
  botToken: string;
}

/** null when the caller is our bot; otherwise Slack's not_authed / invalid_auth. */
export function authenticate({ authorization, params, isJson, botToken }: AuthInput): ApiResult | null {
  let token: string | undefined;
  if (authorization !== undefined) {
    token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (token === undefined) return fail('invalid_auth');
  } else if (!isJson && typeof params.token === 'string') {
    token = params.token;
  }
  if (!token) return fail('not_authed');
  return token === botToken ? null : fail('invalid_auth');
}

export function callMethod(ctx: ApiContext, method: string, params: Params): ApiResult {
  const handler = METHODS[method];
  return handler ? handler(ctx, params) : fail('unknown_method', { req_method: method });
}
