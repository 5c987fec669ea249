import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type TProvider = 'sqlite' | 'postgresql';

export function providerOf(databaseUrl: string): TProvider {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgresql' : 'sqlite';
}

/** `file:./data/advocate.db` → absolute path, creating its directory (the default must work on a fresh clone). */
export function sqliteFilePath(databaseUrl: string): string {
  const raw = databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '');
  if (raw === ':memory:') return raw;
  const file = path.resolve(raw);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
