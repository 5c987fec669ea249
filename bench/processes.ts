import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(import.meta.dirname, '..');

export interface TChild<T> {
  info: T;
  child: ChildProcess;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/**
 * Starts a bench server as its own process and reads the JSON line it prints when ready. A `.ts` script runs under
 * tsx (the fake Slack, which is not measured); a `.mjs` one under plain node, like the production app.
 */
export async function startChild<T>(script: string, env: Record<string, string>): Promise<TChild<T>> {
  const [command, args] = script.endsWith('.ts')
    ? [path.join(root, 'node_modules', '.bin', 'tsx'), [script]]
    : [process.execPath, [script]];
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise<T>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(JSON.parse(line) as T));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { info, child, stop: stopper(child) };
}

/** The node flags and script of `npm start`, read from package.json so the bench runs what production runs. */
function startCommand(): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } })
    .scripts;
  const command = /exec node (.+)$/.exec(scripts.start)?.[1];
  if (!command) throw new Error(`cannot read the node command from npm start: ${scripts.start}`);
  return command.split(/\s+/);
}

/**
 * The production app exactly as `npm start` ends up running it (`node … dist/main.js`, built first if the sources
 * changed), schedules and all, but without npm's own process. It logs at info, for the line that gives the port;
 * what it logs is passed on only from the LOG_LEVEL asked for, so the bench's tables stay readable.
 */
export async function startApp(
  env: Record<string, string>,
  /** Extra node flags before npm start's own (the profiler's `--cpu-prof`). */
  nodeFlags: string[] = [],
): Promise<TChild<{ port: number; pid: number }>> {
  const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
  const wanted = (env.LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'info').toUpperCase();
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  const child = spawn(process.execPath, [...nodeFlags, ...startCommand()], {
    cwd: root,
    // The start-up line is logged at info; the app logs nothing else at info per request.
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stderr! });
    lines.on('line', (line) => {
      const ready = /running in \w+ mode on port (\d+)/.exec(line);
      if (ready) resolve(Number(ready[1]));
      const level = / (DEBUG|INFO|WARN|ERROR) \[/.exec(line)?.[1];
      if (!level || LEVELS.indexOf(level) >= LEVELS.indexOf(wanted)) process.stderr.write(`${line}\n`);
    });
    child.once('exit', (code) => reject(new Error(`dist/main.js exited with ${code}`)));
  });
  return { info: { port, pid: child.pid! }, child, stop: stopper(child) };
}

/** Resident memory, in MB, of the process that runs the server (its own pid: no launcher is counted). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round((Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024) * 10) / 10;
}
