import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '../../../src/app/http/router';
import { createHttpServer, SERVER_TIMEOUTS } from '../../../src/app/http/server';
import { createLogger, type Logger } from '../../../src/logger';

describe('our HTTP server', () => {
  let server: Server;
  let port: number;
  const logged: string[] = [];
  const base = createLogger('error');
  const logger = {
    ...base,
    debug: () => {},
    info: (...parts: unknown[]) => void logged.push(`INFO ${parts.join(' ')}`),
    warn: (...parts: unknown[]) => void logged.push(`WARN ${parts.join(' ')}`),
    error: (...parts: unknown[]) => void logged.push(`ERROR ${parts.join(' ')}`),
  } as Logger;
  let bodyRead: Promise<unknown> = Promise.resolve();
  beforeAll(async () => {
    server = createHttpServer({
      logger,
      routes: [
        {
          method: 'POST',
          path: '/read-body',
          handler: async (req) => {
            const reading = readBody(req, 1_000_000);
            bodyRead = reading.catch(() => {});
            await reading;
          },
        },
        {
          method: 'GET',
          path: '/sync-throw',
          handler: () => {
            throw new Error('a handler bug');
          },
        },
      ],
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('answers a handler that throws synchronously with 500 and keeps serving', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/sync-throw`)).status).toBe(500);
    expect((await fetch(`http://127.0.0.1:${port}/nothing`)).status).toBe(404);
  });

  it('logs a client that hangs up mid-body as a disconnect, not as the database being unavailable', async () => {
    logged.length = 0;
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('POST /read-body HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{"partial":');
    // Let the handler start reading the body before the client hangs up.
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await expect.poll(() => logged.length, { timeout: 5_000 }).toBeGreaterThan(0);
    await bodyRead;
    expect(logged.join('\n')).not.toMatch(/database unavailable/);
    expect(logged.join('\n')).toMatch(/client disconnected/);
  });

  it('drops a client that never finishes its headers (slowloris)', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'); // and never the blank line
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk;
      });
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(SERVER_TIMEOUTS.headersTimeout + 5_000);
  }, 30_000);
});
