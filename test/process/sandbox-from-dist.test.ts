import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childCommands, spawnApp } from './production-runtime';

describe('npm start with no Slack variables, from the compiled app', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'advocate-dist-sandbox-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts the sandbox, serves its page, assets and vendored framework, and stops on SIGTERM to npm', async () => {
    const app = spawnApp({ PORT: '0', SANDBOX_DATABASE_URL: `file:${path.join(dir, 'sandbox.db')}` });
    try {
      const port = await app.started;
      expect(app.output()).toMatch(/Advocate is running in sandbox mode on port \d+ \(sqlite\)/);
      expect(childCommands(app.child.pid!).map((child) => child.argv.at(-1))).toEqual(['dist/main.js']);
      const base = `http://127.0.0.1:${port}/sandbox`;
      const page = await fetch(base);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Advocate sandbox</title>');
      for (const [file, type] of [
        ['assets/app.js', 'text/javascript'],
        ['assets/style.css', 'text/css'],
        ['vendor/preact.js', 'text/javascript'],
        ['vendor/htm.js', 'text/javascript'],
      ] as const) {
        const response = await fetch(`${base}/${file}`);
        expect(response.status, file).toBe(200);
        expect(response.headers.get('content-type'), file).toContain(type);
        expect((await response.text()).length, file).toBeGreaterThan(100);
      }
      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
      expect(app.output()).toContain('stopped cleanly');
    } finally {
      for (const { pid } of childCommands(app.child.pid!)) process.kill(pid, 'SIGKILL');
      app.child.kill('SIGKILL');
    }
  }, 60_000);
});
