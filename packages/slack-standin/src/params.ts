export type Params = Record<string, unknown>;

export interface ApiResult {
  ok: boolean;
  error?: string;
  [key: string]: unknown;
}

/** Arguments that carry JSON; form bodies send them as strings, JSON bodies as values. */
const JSON_ARGS = ['blocks', 'attachments', 'view', 'files', 'metadata'];

export function fail(error: string, extra: Record<string, unknown> = {}): ApiResult {
  return { ok: false, error, ...extra };
}

export function str(p: Params, key: string): string | undefined {
  const v = p[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function flag(p: Params, key: string): boolean {
  const v = p[key];
  return v === true || v === 'true' || v === '1' || v === 1;
}

/** Decodes JSON-carrying arguments; a value that does not parse stays a string so the method can reject it. */
export function decodeJsonArgs(p: Params): Params {
  const out: Params = { ...p };
  for (const key of JSON_ARGS) {
    const v = out[key];
    if (typeof v !== 'string') continue;
    try {
      out[key] = JSON.parse(v);
    } catch {
      // left as the raw string on purpose
    }
  }
  return out;
}

export function withoutToken(p: Params): Params {
  const { token: _token, ...rest } = p;
  return rest;
}
