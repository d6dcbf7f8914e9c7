# One image for every app; the container's command picks the app (APP, or an explicit command).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.base.json ./
COPY tools ./tools
COPY libs ./libs
COPY apps ./apps
RUN node tools/build.mjs && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production APP=gateway
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
# exec: node is PID 1 and receives SIGTERM for its graceful shutdown
CMD ["sh", "-c", "exec node --enable-source-maps dist/apps/$APP/src/main.js"]
