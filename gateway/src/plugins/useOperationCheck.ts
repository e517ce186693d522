import { GraphQLError, Kind } from 'graphql';
import type { GatewayPlugin } from '../http/pipeline.js';

/** Apollo Server's code for a request whose operation cannot be chosen; clients get it with 400. */
const OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE';

function operationError(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: OPERATION_RESOLUTION_FAILURE, http: { status: 400 } },
  });
}

/**
 * Rejects, with 400 `OPERATION_RESOLUTION_FAILURE`, a request whose operation the gateway
 * cannot run: an `operationName` the document does not define, several operations without an
 * `operationName`, a document without an operation, or a subscription, which the schema does
 * not define. Apollo Server leaves the first three to execution, where @apollo/gateway throws
 * and the client would get a masked 500. The messages are graphql-js's own, so the kit
 * translates them for Vietnamese clients like every other GraphQL error.
 */
export function useOperationCheck(): GatewayPlugin {
  return {
    name: 'operationCheck',
    apollo: {
      async requestDidStart() {
        return {
          async didResolveOperation({ operation, request, document, schema }) {
            if (operation) {
              if (operation.operation === 'subscription' && !schema.getSubscriptionType())
                throw operationError('Schema is not configured to execute subscription operation.');
              return;
            }
            const count = document.definitions.filter(
              (definition) => definition.kind === Kind.OPERATION_DEFINITION,
            ).length;
            if (request.operationName)
              throw operationError(`Unknown operation named "${request.operationName}".`);
            throw operationError(
              count === 0
                ? 'Must provide an operation.'
                : 'Must provide operation name if query contains multiple operations.',
            );
          },
        };
      },
    },
  };
}
