# Candor: the API serving the built web app. PostgreSQL comes from DATABASE_URL
# (docker-compose.yml runs one); the embedded engine is not used in containers.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
ENV NX_NO_CLOUD=true NX_DAEMON=false
COPY package.json package-lock.json ./
COPY shared/package.json shared/package.json
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx run-many -t build --projects=shared,api,web --outputStyle=static \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20.20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/shared/package.json ./shared/package.json
COPY --from=build /app/shared/dist ./shared/dist
COPY --from=build /app/dist ./dist
# npm run backup / restore (encrypted backups, see the README).
COPY --from=build /app/scripts ./scripts
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/api/main.js"]
