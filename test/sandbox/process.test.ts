import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

describe('npm start with no Slack variables', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'advocate-sandbox-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says it is in sandbox mode, prints the page’s URL, serves it, and stops cleanly on SIGTERM', async () => {
    // Only PATH and what the sandbox needs: no SLACK_* at all, as on a fresh clone.
    const child = spawn(tsx, ['src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', PORT: '0', DATABASE_URL: `file:${path.join(dir, 'sandbox.db')}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /Open (http:\/\/localhost:\d+\/sandbox)/.exec(output);
        if (match) {
          clearInterval(timer);
          resolve(match[1]!);
        }
      }, 25);
      exited.then((code) => {
        clearInterval(timer);
        reject(new Error(`exited with ${code} before starting:\n${output}`));
      });
    });
    expect(output).toMatch(/Advocate is running in sandbox mode on port \d+ \(sqlite\)/);
    expect(output).toContain('No SLACK_BOT_TOKEN: sandbox mode, with a built-in stand-in for Slack on loopback.');

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Advocate sandbox</title>');
    const health = await fetch(url.replace('/sandbox', '/healthz'));
    expect(await health.json()).toEqual({ status: 'ok', db: 'ok' });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('stopped cleanly');
  }, 60_000);
});
