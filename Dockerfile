# Image for every dxhub service: the gateway and each subgraph run the same code with a different
# `dxhub start` command (see docker-compose.yml). TypeScript runs through tsx, so there is no build step.
FROM node:20-bookworm-slim

ENV CI=true NODE_ENV=production HOST=0.0.0.0 DXHUB_KEYS_DIR=/keys
RUN npm install --global pnpm@10.34.9 && mkdir -p /app /keys && chown node:node /app /keys

WORKDIR /app
USER node
COPY --chown=node:node . .
RUN pnpm install --frozen-lockfile

EXPOSE 4000
# A young generation of 64 MiB semi-spaces. A subgraph returning 500 entities keeps its rows and
# result tree alive across several scavenges, so with the default size they reach the old
# generation and cost full collections (subgraph CPU per `entities` request, bench/README.md).
ENTRYPOINT ["node", "--max-semi-space-size=64", "--import", "tsx", "gateway/src/cli/run.ts"]
CMD ["start", "--services"]
