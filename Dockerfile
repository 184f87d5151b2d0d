# syntax=docker/dockerfile:1
# The add-on's image. One stage compiles the server and bundles the UI, one installs only the
# production dependencies, and the runtime stage holds Node from Alpine plus those two results.
# Node runs as PID 1 (ENTRYPOINT cleared, config.yaml `init: false`), so the SIGTERM the Supervisor
# sends on stop reaches it directly; it closes its listeners and the store and exits 0.

# The Supervisor no longer passes a default BUILD_FROM (2026.04), so the default is pinned here.
ARG BUILD_FROM=ghcr.io/home-assistant/base:3.24

FROM ${BUILD_FROM} AS build
RUN apk add --no-cache nodejs npm
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/ scripts/
COPY server/ server/
COPY shared/ shared/
COPY web/ web/
RUN npm run build

FROM ${BUILD_FROM} AS production-dependencies
RUN apk add --no-cache nodejs npm
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
# TypeScript sources, declarations, source maps and Markdown are never loaded at run time.
COPY scripts/prune-modules.mjs ./
RUN node prune-modules.mjs node_modules

FROM ${BUILD_FROM}
ARG BUILD_ARCH
ARG BUILD_VERSION
# util-linux-misc brings flock(1): the MS365 token files are written under the integrations' lock.
RUN apk add --no-cache nodejs util-linux-misc
WORKDIR /app
# package.json says "type": "module": Node needs it to load dist/server as ES modules.
COPY package.json ./
COPY --from=production-dependencies /app/node_modules ./node_modules
# One bundled file (scripts/build-server.mjs); the packages it leaves out load from node_modules.
COPY --from=build /src/dist/server ./dist/server
COPY --from=build /src/dist/web ./dist/web
ENV NODE_ENV=production

LABEL \
    io.hass.name="Microsoft 365 Sign-in" \
    io.hass.description="Sign in to Microsoft 365 once; tokens stay alive for the MS365 integrations and your other add-ons." \
    io.hass.type="app" \
    io.hass.version="${BUILD_VERSION}" \
    io.hass.arch="${BUILD_ARCH}" \
    io.hass.url="https://github.com/ms365-signin/ms365-signin-addon" \
    org.opencontainers.image.title="Microsoft 365 Sign-in" \
    org.opencontainers.image.description="Sign in to Microsoft 365 once; tokens stay alive for the MS365 integrations and your other add-ons." \
    org.opencontainers.image.version="${BUILD_VERSION}" \
    org.opencontainers.image.source="https://github.com/ms365-signin/ms365-signin-addon" \
    org.opencontainers.image.licenses="MIT"

EXPOSE 8099 8100
# Through the consumer listener: it admits the container's loopback, while the UI listener
# admits only the Supervisor. busybox wget ships with the base image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8100/health"]
ENTRYPOINT []
CMD ["node", "dist/server/main.js"]
