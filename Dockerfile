# Advocate's image: `docker build -t advocate .` then `docker run -p 3000:3000 -v advocate-data:/data --env-file .env advocate`
# (SQLite in the /data volume), or `docker compose up -d` with PostgreSQL (compose.yaml).

# Build stage: production dependencies only; their postinstall generates the Prisma clients and compiles dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json prisma.config.ts ./
COPY packages ./packages
COPY scripts ./scripts
COPY prisma ./prisma
COPY src ./src
RUN npm ci --omit=dev --no-audit --no-fund

# Runtime stage: the built app, run as the unprivileged `node` user; nothing is compiled at start.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=file:/data/advocate.db
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The command `npm start` ends in, without its rebuild check: the image was built above.
CMD ["node", "--enable-source-maps", "--liftoff-only", "--max-semi-space-size=2", "dist/main.js"]
