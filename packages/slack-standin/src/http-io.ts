import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeJsonArgs, type Params } from './params';

/** Far above any chart upload; a body beyond it is refused rather than buffered (the sandbox serves it too). */
const BODY_LIMIT = 20 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new Error(`body over ${BODY_LIMIT} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export type ParsedBody = { params: Params; isJson: boolean; files: Buffer[] } | { error: string };

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Bodies as Slack accepts them: form-encoded, JSON or multipart, plus query-string arguments. */
export async function parseBody(
  contentType: string | undefined,
  body: Buffer,
  query: URLSearchParams,
): Promise<ParsedBody> {
  const params: Params = Object.fromEntries(query);
  const files: Buffer[] = [];
  const type = mediaType(contentType);
  let isJson = false;
  if (body.length === 0) {
    // nothing more to read
  } else if (type === 'application/x-www-form-urlencoded') {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  } else if (type === 'application/json') {
    isJson = true;
    try {
      const json: unknown = JSON.parse(body.toString('utf8'));
      if (typeof json !== 'object' || json === null || Array.isArray(json)) return { error: 'invalid_json' };
      Object.assign(params, json);
    } catch {
      return { error: 'invalid_json' };
    }
  } else if (type === 'multipart/form-data') {
    const form = await new Response(Uint8Array.from(body), {
      headers: { 'Content-Type': contentType ?? '' },
    }).formData();
    const entries: Array<[string, FormDataEntryValue]> = [];
    form.forEach((value, key) => {
      entries.push([key, value]);
    });
    for (const [key, value] of entries) {
      if (typeof value === 'string') params[key] = value;
      else files.push(Buffer.from(await value.arrayBuffer()));
    }
  } else if (type === '') {
    return { error: 'missing_post_type' };
  } else {
    return { error: 'invalid_post_type' };
  }
  return { params: decodeJsonArgs(params), isJson, files };
}
