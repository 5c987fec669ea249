import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface TAppProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Whether the process is still running. */
  alive: () => boolean;
}

/**
 * `npm start`'s entry point as its own process; does not wait for it to start. Node runs it with tsx as a loader
 * rather than under the tsx CLI: the CLI relays signals to a child of its own and SIGKILLs it when the child has not
 * confirmed within 30 ms, which a loaded machine misses (exit 143 instead of a clean shutdown).
 */
export function spawnApp(env: Record<string, string>): TAppProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let running = true;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running = false;
      resolve(code);
    }),
  );
  return { child, output: () => output, exited, alive: () => running };
}

/** Waits for "running … on port N"; rejects with the output when the process exits first. */
export async function waitForPort(app: TAppProcess, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const match = /running in \w+ mode on port (\d+)/.exec(app.output());
    if (match) return Number(match[1]);
    if (!app.alive()) throw new Error(`exited before starting:\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`did not start within ${timeoutMs} ms:\n${app.output()}`);
}

export async function startApp(env: Record<string, string>): Promise<TAppProcess & { port: number }> {
  const app = spawnApp(env);
  return { ...app, port: await waitForPort(app) };
}

/** Sends a request line exactly as given (no URL normalisation, like `curl --path-as-is`); resolves its status. */
export function rawRequest(port: number, requestLine: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (status) resolve(Number(status[1]));
      else reject(new Error(`no HTTP answer to ${requestLine}: ${JSON.stringify(answer)}`));
    });
  });
}
