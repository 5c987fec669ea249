// Generates the Rust-free Prisma client for each provider (postinstall). Offline by design: the CLI gets a
// DATABASE_URL so it never tries to download an engine, and a stub in place of the native schema engine.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, 'scripts', 'no-schema-engine.sh'),
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const prisma = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
for (const [provider, url] of [
  ['sqlite', 'file:./data/advocate.db'],
  ['postgresql', 'postgresql://localhost:5432/advocate'],
]) {
  execFileSync(
    process.execPath,
    [prisma, 'generate', '--no-hints', '--schema', path.join('prisma', provider, 'schema.prisma')],
    {
      cwd: root,
      env: { ...env, DATABASE_URL: url },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  console.log(`prisma client generated for ${provider}`);
}
