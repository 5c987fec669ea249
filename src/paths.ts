import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The directory that holds package.json: files read at run time (migration SQL, the sandbox page) are found from
 * here, so the same code works from `src/` (tsx, tests) and from the bundle in `dist/`, where a module's own
 * directory is no longer where its source file lived.
 */
function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const projectRoot = findProjectRoot(import.meta.dirname);
