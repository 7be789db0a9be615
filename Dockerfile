# syntax=docker/dockerfile:1
# Kyma APIRules Dashboard: the built SPA (dist/web) served by the BFF (server/, plain TypeScript run
# by Node's type stripping). Build: docker build -t <registry>/kyma-apirules-dashboard:<tag> .
#
# Base image: the official Node 24 LTS image on Debian bookworm (glibc, so the native bindings that
# the lock file pins for linux-x64-gnu, e.g. rolldown's, are the ones npm installs). Pinned by tag,
# not digest, so rebuilds pick up Debian and Node security patches; pin a digest in your fork
# (node:24-bookworm-slim@sha256:...) if you need byte-for-byte reproducible builds.
ARG NODE_IMAGE=node:24-bookworm-slim

# 1. Build the SPA with the full dependency tree (the same commands CI runs).
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Production dependencies only, from the lock file. No dependency of the runtime needs an install
#    script (only the `node` devDependency has one), so none are run.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# 3. Runtime: only what `node server/main.ts` needs. Everything is owned by root and read-only to
#    the process, which runs as an unprivileged numeric user (so Kubernetes' runAsNonRoot can check
#    it) and writes nothing: the image works with readOnlyRootFilesystem.
FROM ${NODE_IMAGE} AS runtime
RUN groupadd --system --gid 10001 dashboard \
  && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin dashboard
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json ./
COPY server ./server
# Constants and message types shared by the server and the SPA (server/ imports them).
COPY protocol ./protocol
COPY --from=build /src/dist/web ./dist/web
USER 10001:10001
EXPOSE 8080
# No HEALTHCHECK: Kubernetes probes /healthz (liveness) and /readyz (readiness) instead.
# --max-semi-space-size: server/node-flags.ts says why (≈ 33 MB less RSS).
CMD ["node", "--max-semi-space-size=1", "server/main.ts"]
