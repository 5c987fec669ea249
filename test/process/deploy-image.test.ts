/**
 * No container runtime runs here, so the image is checked by doing what its Dockerfile does: the build stage's
 * COPY and RUN steps in a clean temporary directory (npm from its local cache), then the runtime stage's CMD with
 * its ENV and compose.yaml's environment, against the local PostgreSQL in place of compose's `db` service, and
 * Slack's values from a `.env` file as compose would pass them. Then the HEALTHCHECK command and SIGTERM.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type SlackStandIn, startSlackStandIn } from '@advocate/slack-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Channels, SIGNING_SECRET } from '../support/app-harness';
import { createTestDatabase, type TTestDatabase, testProviders } from '../support/databases';
import { root } from './production-runtime';

interface TStage {
  lines: string[];
}

/** The Dockerfile's stages, each as its instructions with continuation lines joined. */
function stagesOf(dockerfile: string): TStage[] {
  const joined = dockerfile.replace(/\\\n\s*/g, ' ');
  const stages: TStage[] = [];
  for (const line of joined.split('\n').map((raw) => raw.trim())) {
    if (!line || line.startsWith('#')) continue;
    if (/^FROM\s/i.test(line)) stages.push({ lines: [] });
    stages.at(-1)?.lines.push(line);
  }
  return stages;
}

const instructions = (stage: TStage, name: string) =>
  stage.lines.filter((line) => line.toUpperCase().startsWith(`${name} `)).map((line) => line.slice(name.length + 1));
const execForm = (text: string) => JSON.parse(text.trim()) as string[];

/** `ENV A=1 B=2` → { A: '1', B: '2' } */
function envOf(stage: TStage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const text of instructions(stage, 'ENV')) {
    for (const pair of text.trim().split(/\s+/)) {
      const at = pair.indexOf('=');
      env[pair.slice(0, at)] = pair.slice(at + 1);
    }
  }
  return env;
}

const WITHOUT = [`${path.sep}node_modules`, `${path.sep}dist`, path.join('db', 'generated')];

describe.runIf(testProviders().includes('postgresql'))(
  'the deployment image, built and started as its Dockerfile says',
  () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const [build, runtime] = stagesOf(dockerfile) as [TStage, TStage];
    const compose = parse(readFileSync(path.join(root, 'compose.yaml'), 'utf8')) as {
      services: Record<string, { environment?: Record<string, string>; build?: string; image?: string }>;
    };
    let dir: string;
    let database: TTestDatabase;
    let slack: SlackStandIn;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'advocate-image-'));
      database = await createTestDatabase('postgresql');
      slack = await startSlackStandIn();
    });
    afterAll(async () => {
      await slack?.close();
      await database?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('is multi-stage, runs as a non-root user, installs without dev dependencies and keeps SQLite in a volume', () => {
      expect(build.lines[0]).toMatch(/^FROM node:20\S* AS build$/i);
      expect(runtime.lines[0]).toMatch(/^FROM node:20/i);
      expect(instructions(build, 'RUN').join('\n')).toContain('npm ci --omit=dev');
      expect(instructions(runtime, 'COPY').every((copy) => copy.includes('--from=build'))).toBe(true);
      expect(instructions(runtime, 'USER')).toEqual(['node']);
      expect(instructions(runtime, 'VOLUME')).toEqual(['["/data"]']);
      expect(envOf(runtime).DATABASE_URL).toBe('file:/data/advocate.db');
      expect(instructions(runtime, 'HEALTHCHECK')[0]).toContain('/healthz');
      expect(compose.services.advocate?.build).toBe('.');
      expect(compose.services.db?.image).toMatch(/^postgres:/);
    });

    it('builds from a clean directory and serves /healthz with compose’s environment on PostgreSQL', async () => {
      // Build stage: each COPY from the repository, then each RUN, in the order written.
      for (const copy of instructions(build, 'COPY')) {
        const parts = copy.trim().split(/\s+/);
        const target = parts.pop()!;
        for (const source of parts) {
          const to = target.endsWith('/') ? path.join(dir, target, path.basename(source)) : path.join(dir, target);
          cpSync(path.join(root, source), to, {
            recursive: true,
            filter: (file) => !WITHOUT.some((skip) => file.includes(skip)),
          });
        }
      }
      for (const run of instructions(build, 'RUN')) {
        const result = spawnSync('sh', ['-c', run], {
          cwd: dir,
          // npm takes its packages from this machine's cache: no network here.
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, npm_config_offline: 'true' },
          encoding: 'utf8',
          timeout: 280_000,
        });
        expect(result.status, `${run}\n${result.stdout}\n${result.stderr}`).toBe(0);
      }
      expect(existsSync(path.join(dir, 'dist', 'main.js'))).toBe(true);
      // Dev dependencies stay out of the image.
      expect(existsSync(path.join(dir, 'node_modules', 'vitest'))).toBe(false);

      // Slack's values come from .env, as compose's env_file passes them.
      writeFileSync(
        path.join(dir, '.env'),
        [
          `SLACK_BOT_TOKEN=${slack.botToken}`,
          `SLACK_SIGNING_SECRET=${SIGNING_SECRET}`,
          `SLACK_API_URL=${slack.url}`,
          `ADVOCATE_CHANNEL_ID=${Channels.advocates}`,
        ].join('\n'),
      );
      const composeEnv = Object.fromEntries(
        Object.entries(compose.services.advocate?.environment ?? {}).map(([name, value]) => [
          name,
          String(value).replace(/\$\{(\w+):-([^}]*)\}/g, (_all, _name, fallback: string) => fallback),
        ]),
      );
      expect(composeEnv.DATABASE_URL).toMatch(/^postgresql:\/\/advocate:advocate@db:5432\/advocate$/);
      const env = {
        PATH: process.env.PATH ?? '',
        ...envOf(runtime),
        ...composeEnv,
        // The `db` service is the local PostgreSQL; the container's port is its own, here any free one.
        DATABASE_URL: database.url,
        PORT: '0',
      };
      const [command, ...args] = execForm(instructions(runtime, 'CMD')[0]!);
      const app = spawn(command!, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      app.stdout.on('data', (chunk) => (output += chunk));
      app.stderr.on('data', (chunk) => (output += chunk));
      const exited = new Promise<number | null>((resolve) => app.on('exit', resolve));
      try {
        const port = await new Promise<number>((resolve, reject) => {
          const timer = setInterval(() => {
            const match = /running in (\w+) mode on port (\d+) \(postgresql\)/.exec(output);
            if (match) {
              clearInterval(timer);
              expect(match[1]).toBe('http');
              resolve(Number(match[2]));
            }
          }, 50);
          void exited.then((code) => {
            clearInterval(timer);
            reject(new Error(`exited with ${code}:\n${output}`));
          });
        });
        const health = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(health.status).toBe(200);
        expect(await health.json()).toEqual({ status: 'ok', db: 'ok' });

        const check = execForm(instructions(runtime, 'HEALTHCHECK')[0]!.replace(/^.*?CMD\s+/, ''));
        const probe = spawnSync(check[0]!, check.slice(1), {
          cwd: dir,
          env: { ...env, PORT: String(port) },
          encoding: 'utf8',
          timeout: 20_000,
        });
        expect(probe.status, probe.stderr).toBe(0);
      } finally {
        app.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
    }, 400_000);
  },
);
