// Configuration of Hive Gateway (`hive-gateway supergraph FILE -c THIS_FILE`) for the
// benchmarks: its defaults, plus passing the client's Authorization header on to every
// subgraph, which Hive Gateway does only when configured to.
import { defineConfig } from '@graphql-hive/gateway';

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => {
      const authorization = request.headers.get('authorization');
      return authorization ? { authorization } : {};
    },
  },
  logging: 'warn',
});
