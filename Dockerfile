FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
# Stylesheet and scripts are served from the source folder (tsc does not copy them).
COPY --from=build /app/src/http/web/static ./src/http/web/static
COPY --from=build /app/package.json ./package.json
USER node
EXPOSE 3000
CMD ["node", "bin/boundary.js", "start"]
