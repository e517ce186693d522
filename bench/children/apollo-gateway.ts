// Child process: a plain @apollo/gateway behind Apollo Server's standalone HTTP server, set up
// as Apollo's documentation shows for passing a header on: the client's `Authorization`
// header goes into the context and `willSendRequest` copies it onto every subgraph request.
// Nothing else is configured. BENCH_SUPERGRAPH is a supergraph file without the SECURITY
// purpose on its `@link`s, which @apollo/gateway 2.x rejects.
import fs from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

interface Context {
  authorization?: string;
}

const supergraphPath = process.env.BENCH_SUPERGRAPH;
if (!supergraphPath) throw new TypeError('BENCH_SUPERGRAPH must name the supergraph file');

const gateway = new ApolloGateway({
  supergraphSdl: fs.readFileSync(supergraphPath, 'utf8'),
  buildService: ({ url }) =>
    new RemoteGraphQLDataSource<Context>({
      url,
      willSendRequest({ request, context }) {
        if (context.authorization)
          request.http?.headers.set('authorization', context.authorization);
      },
    }),
});

const server = new ApolloServer<Context>({ gateway });
await startStandaloneServer(server, {
  listen: { host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 4000) },
  context: async ({ req }) => ({
    ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
  }),
});

process.once('SIGTERM', () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
