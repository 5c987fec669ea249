import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TRoute } from '../app/http/router';
import { projectRoot } from '../paths';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export const PUBLIC_DIR = path.join(projectRoot, 'src', 'sandbox', 'public');

/** The framework's ES modules, served as npm installed them: no bundler, no copy to keep in step. */
function vendorFiles(): Record<string, string> {
  const require = createRequire(import.meta.url);
  // Beside each package's CommonJS entry point sits its ES module build.
  const besideEntry = (specifier: string, file: string) => path.join(path.dirname(require.resolve(specifier)), file);
  const files = {
    'preact.js': besideEntry('preact', 'preact.module.js'),
    'preact-hooks.js': besideEntry('preact/hooks', 'hooks.module.js'),
    'htm.js': besideEntry('htm', 'htm.module.js'),
  };
  for (const file of Object.values(files))
    if (!existsSync(file)) throw new Error(`the sandbox page needs ${file}: run npm install`);
  return files;
}

function publicFiles(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(files, publicFiles(full, `${prefix}${entry.name}/`));
    else files[`${prefix}${entry.name}`] = full;
  }
  return files;
}

function serveFrom(files: Record<string, string>, urlPrefix: string): TRoute {
  return {
    method: 'GET',
    path: `${urlPrefix}/*`,
    handler: (req, res) => {
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      // Only names listed at start-up are served, so no request path can reach outside these files.
      const file = files[decodeURIComponent(pathname.slice(urlPrefix.length + 1))];
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('not found');
        return;
      }
      const body = readFileSync(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-cache',
      });
      res.end(body);
    },
  };
}

/** `/sandbox` (the page), `/sandbox/assets/*` (its scripts and styles) and `/sandbox/vendor/*` (Preact and htm). */
export function staticRoutes(): TRoute[] {
  const assets = publicFiles(PUBLIC_DIR);
  const page = assets['index.html'];
  if (!page) throw new Error(`the sandbox page is missing from ${PUBLIC_DIR}`);
  return [
    {
      method: 'GET',
      path: '/sandbox',
      handler: (_req, res) => {
        const body = readFileSync(page);
        res.writeHead(200, {
          'content-type': TYPES['.html']!,
          'content-length': body.length,
          'cache-control': 'no-cache',
        });
        res.end(body);
      },
    },
    serveFrom(assets, '/sandbox/assets'),
    serveFrom(vendorFiles(), '/sandbox/vendor'),
  ];
}
