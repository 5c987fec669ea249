import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, SERVER_TIMEOUTS } from '../../../src/app/http/server';
import { createLogger } from '../../../src/logger';

describe('our HTTP server', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createHttpServer({
      logger: createLogger('error'),
      routes: [
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
