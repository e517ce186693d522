import { isKnownErrorCode, maskErrors } from '@dxhub/kit';
import type { GatewayPlugin } from '../http/pipeline.js';

/** Apollo Server's codes for requests the client got wrong; logged without a stack. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Masks every error without a catalogue code before the response leaves the gateway (a gateway
 * bug, a planner failure, a subgraph error without a code), so no stack, SQL or internal
 * message reaches a client. The client sees `INTERNAL_SERVER_ERROR` with the request id; the
 * original is logged once with that id.
 */
export function useErrorMasking(): GatewayPlugin {
  return {
    name: 'errorMasking',
    apollo: {
      async requestDidStart() {
        return {
          async didEncounterErrors({ errors, contextValue }) {
            for (const error of errors) {
              const code = error.extensions?.code;
              if (isKnownErrorCode(code)) continue;
              if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
                contextValue.logger.debug(
                  { code, message: error.message },
                  'request rejected by GraphQL validation',
                );
                continue;
              }
              // A subgraph's error reaches here with its JSON form as `originalError`, which is
              // no Error and would be logged without its message, so the GraphQLError is logged.
              const original = error.originalError;
              contextValue.logger.warn(
                {
                  err: original instanceof Error ? original : error,
                  code,
                  path: error.path,
                  subgraph: error.extensions?.serviceName,
                },
                'request error',
              );
            }
          },
          async willSendResponse({ response, contextValue }) {
            if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
            response.body.singleResult.errors = maskErrors(
              response.body.singleResult.errors,
              contextValue,
            );
          },
        };
      },
    },
  };
}
