# Social Feed: multi-stage image. Build: docker build -t social-feed .
# Run (any number of containers against one PostgreSQL; PROCESS_ROLE splits web and workers):
#   docker run -p 3000:3000 --env-file .env social-feed
# Every start applies pending migrations (`npm run setup`; safe from many containers at once) and then
# runs `npm start`'s server. See README.md, "Deploy".

# ---- dependencies for building (dev included) ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- production dependencies only ----
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY prisma ./prisma
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- the image that runs ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/build ./build
COPY --chown=node:node package.json tsconfig.json ./
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node app ./app
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# exec: the server replaces the shell as PID 1, so SIGTERM reaches it and running jobs are handed back.
CMD ["sh", "-c", "npm run setup && exec node --import tsx app/cli/serve.ts"]
