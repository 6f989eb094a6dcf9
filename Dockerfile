# syntax=docker/dockerfile:1
# Switchboard's image. Three stages:
#   build    — `npm ci` (every dependency, as CI installs them) and `npm run build:console`
#   deps     — `npm ci --omit=dev`: the production dependencies only
#   runtime  — those dependencies, the sources, the built console; non-root, no secret inside
# The service is TypeScript run by Node 24's type stripping: there is no compile step, the
# runtime stage runs src/ as it is. It runs on the base image's Node 24 (the `node` npm package
# the project brings for development is a dev dependency, left out of production installs); the
# entry point is the `switchboard` npm script's command, `node src/main.ts` (docs/decisions.md),
# and the command one of its CLI commands. docs/deploy.md says how to run it; the rules below are
# checked by test/deploy/dockerfile.test.ts, and its entry point run by test/deploy/commands.test.ts.
#
#   docker build -t switchboard .
#   docker run -p 3000:3000 -v switchboard-data:/var/lib/switchboard switchboard       # embedded database
#   docker run -e DATABASE_URL=… -e SWITCHBOARD_KEYRING_FILE=/run/secrets/keyring.json … switchboard serve
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:console

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# A numeric user of its own (not the base image's `node`), so Kubernetes' runAsNonRoot can check it.
# Its directories exist in the image so that a fresh volume mounted there inherits owner and mode.
RUN groupadd --system --gid 10001 switchboard \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/switchboard --no-create-home --shell /usr/sbin/nologin switchboard \
 && mkdir -p /var/lib/switchboard/audit-checkpoints \
 && chown -R 10001:10001 /var/lib/switchboard \
 && chmod -R 0700 /var/lib/switchboard
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY --from=build /app/console/dist ./console/dist
# In a container the service listens on every interface; the embedded database and its keyring
# live in the data directory (a volume), which must stay private to the service's user (0700).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    SWITCHBOARD_DATA_DIR=/var/lib/switchboard
USER 10001:10001
EXPOSE 3000
# Ready means the database answers and no migration is pending. The slim image has no curl:
# Node's fetch asks. (The `worker` command serves no HTTP: compose and Kubernetes turn this off for it.)
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "src/main.ts"]
CMD ["serve"]
