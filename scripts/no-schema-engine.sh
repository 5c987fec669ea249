#!/bin/sh
# Prisma's native schema engine cannot be downloaded on our build hosts. Advocate uses the JS engine
# (engine: "js" in prisma.config.ts) and applies its own migrations at start (src/db/migrations).
echo "advocate: Prisma's native schema engine is deliberately not installed; use 'npm run db:migrate'." >&2
exit 1
