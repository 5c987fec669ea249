import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeListenError } from '../../src/app/listen-error';

describe('a port that cannot be listened on', () => {
  it('says which port is in use and suggests PORT, from the real error Node raises', async () => {
    const first = createServer();
    await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', resolve));
    const port = (first.address() as { port: number }).port;
    const second = createServer();
    const error = await new Promise<unknown>((resolve) => {
      second.once('error', resolve);
      second.listen(port, '127.0.0.1');
    });
    first.close();
    expect(describeListenError(error, port)).toBe(
      `port ${port} is in use: stop the other process (\`lsof -i :${port}\` shows it) or set PORT=${port + 1}`,
    );
    expect(describeListenError(Object.assign(new Error('x'), { code: 'EADDRINUSE' }), 3000)).toMatch(/set PORT=3001$/);
    expect(describeListenError(Object.assign(new Error('x'), { code: 'EACCES' }), 80)).toMatch(
      /^port 80 needs privileges/,
    );
    expect(describeListenError(new Error('something else'), 3000)).toBeNull();
  });

  it('does not call a file it may not write a port problem (the lock file beside the database)', () => {
    const lockRefused = Object.assign(new Error("EACCES: permission denied, open '/data/advocate.db'"), {
      code: 'EACCES',
      syscall: 'open',
      path: '/data/advocate.db',
    });
    expect(describeListenError(lockRefused, 3000)).toBeNull();
    expect(describeListenError(Object.assign(new Error('x'), { code: 'EACCES', syscall: 'listen' }), 80)).toMatch(
      /^port 80 needs privileges/,
    );
  });
});
