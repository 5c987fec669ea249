import { readFileSync } from 'node:fs';

/** The parts of a V8 .cpuprofile this summary reads. */
interface TProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
  children?: number[];
}
interface TCpuProfile {
  nodes: TProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where a frame's time goes. A frame with no category of its own (a builtin such as JSON.parse, a native method,
 * Node's internals) is charged to the nearest caller that has one, so "Prisma calling JSON.parse" counts as Prisma.
 */
const CATEGORIES: [name: string, test: (url: string, fn: string) => boolean][] = [
  ['garbage collection', (_url, fn) => fn === '(garbage collector)'],
  ['idle', (_url, fn) => fn === '(idle)'],
  ['(program: V8/native outside JS)', (_url, fn) => fn === '(program)'],
  ['Prisma query compiler (wasm)', (url) => url.startsWith('wasm://')],
  ['Prisma client runtime', (url) => url.includes('@prisma/client') || url.includes('/db/generated/')],
  ['driver adapter (@prisma/adapter-*)', (url) => url.includes('@prisma/adapter') || url.includes('@prisma/driver')],
  ['database driver (better-sqlite3 / pg)', (url) => /node_modules\/(better-sqlite3|pg|pg-[a-z-]+)\//.test(url)],
  ['Bolt', (url) => url.includes('@slack/bolt')],
  [
    'Slack Web API client + axios',
    (url) => /@slack\/web-api|node_modules\/(axios|form-data|p-queue|p-retry)/.test(url),
  ],
  ['zod', (url) => url.includes('node_modules/zod')],
  [
    'Block Kit rendering (src/slack/*/ views and cards)',
    (url) => /\/src\/slack\/[a-z]+\/[a-z-]*(view|views|card|list|modal|confirmation)\.ts/.test(url),
  ],
  ['logging', (url) => url.includes('/src/logger') || url.includes('@slack/logger')],
  // The build bundles src/ (and zod) into dist/: its SQL layer's lines include the time of better-sqlite3's native
  // statement calls, which V8 charges to the JavaScript line that made them.
  [
    'Advocate code (dist/ or src/, with SQLite calls)',
    (url) => /\/(src|dist)\//.test(url) && !url.includes('node_modules'),
  ],
  ['other node_modules', (url) => url.includes('node_modules')],
  ['Node internals (http, net, streams)', (url) => url.startsWith('node:')],
];

function categoryOf(node: TProfileNode): string | null {
  const { url, functionName } = node.callFrame;
  for (const [name, test] of CATEGORIES) if (test(url, functionName)) return name;
  return null;
}

export interface TProfileSummary {
  totalMs: number;
  busyMs: number;
  byCategory: { category: string; ms: number; share: string }[];
}

/** Self time per category, from the sampled ticks (timeDeltas), with builtins charged to their caller. */
export function summarizeCpuProfile(file: string): TProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as TCpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const resolved = new Map<number, string>();
  const resolve = (id: number): string => {
    const cached = resolved.get(id);
    if (cached) return cached;
    const node = byId.get(id)!;
    const own = categoryOf(node);
    const nodeInternal = own === 'Node internals (http, net, streams)';
    let category = own && !nodeInternal ? own : null;
    if (!category) {
      const parent = parentOf.get(id);
      const inherited = parent === undefined ? null : resolve(parent);
      category =
        inherited && inherited !== 'Node internals (http, net, streams)' && inherited !== '(root)'
          ? inherited
          : (own ?? '(root)');
    }
    resolved.set(id, category);
    return category;
  };
  const ms = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const delta = (profile.timeDeltas[index] ?? 0) / 1000;
    const category = resolve(id);
    ms.set(category, (ms.get(category) ?? 0) + delta);
  });
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const busyMs = [...ms].filter(([name]) => name !== 'idle').reduce((sum, [, value]) => sum + value, 0);
  const byCategory = [...ms]
    .filter(([name]) => name !== 'idle')
    .sort((a, b) => b[1] - a[1])
    .map(([category, value]) => ({
      category,
      ms: Math.round(value),
      share: `${Math.round((value / busyMs) * 1000) / 10}%`,
    }));
  return { totalMs: Math.round(totalMs), busyMs: Math.round(busyMs), byCategory };
}
