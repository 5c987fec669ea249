import type { IncomingMessage, ServerResponse } from 'node:http';

export interface TRoute {
  method: 'GET' | 'POST';
  /** Exact path, or a prefix when it ends with `/*`. */
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
}

export function matchRoute(routes: TRoute[], method: string, pathname: string): TRoute | 'wrong-method' | null {
  const byPath = routes.filter((route) =>
    route.path.endsWith('/*')
      ? pathname === route.path.slice(0, -2) || pathname.startsWith(route.path.slice(0, -1))
      : pathname === route.path,
  );
  if (byPath.length === 0) return null;
  return byPath.find((route) => route.method === method) ?? 'wrong-method';
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export class BodyTooLarge extends Error {}

/** Reads a request body up to `limit` bytes; larger bodies are refused without buffering them. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge(`body is ${declared} bytes; the limit is ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge(`body is over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
