/** How the tests start the app the way production does: `npm start`, or the service command the README documents. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');

/** `node <flags> dist/main.js`: the command `npm start` ends in, which the README gives for a service. */
export function serviceCommand(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const command = /&& exec (node .+)$/.exec(scripts.start)?.[1];
  if (!command) throw new Error(`npm start does not end in "exec node …": ${scripts.start}`);
  return command.split(/\s+/);
}

export interface TAppProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves with the port once the app logs that it is running; rejects if it exits first. */
  started: Promise<number>;
}

/** Spawns `npm start` (or, with `direct`, the service command) with only PATH, HOME and `env`. */
export function spawnApp(env: Record<string, string>, options: { direct?: boolean } = {}): TAppProcess {
  const [command, ...args] = options.direct ? serviceCommand() : ['npm', 'start'];
  const child = spawn(command!, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? root, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /running in \w+ mode on port (\d+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(Number(match[1]));
      }
    }, 25);
    exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`exited with ${code} before starting:\n${output}`));
    });
  });
  // A test that expects the process to fail never awaits `started`; that is not an unhandled rejection.
  started.catch(() => {});
  return { child, output: () => output, exited, started };
}

/** The argv of each live child of `pid`, from /proc (Linux). */
export function childCommands(pid: number): { pid: number; argv: string[] }[] {
  const children: { pid: number; argv: string[] }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the command name before it may contain spaces, so split after ')'.
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (parent !== pid) continue;
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      children.push({ pid: Number(entry), argv });
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}
