import type { GatewayPlugin } from '../http/pipeline.js';
import { sendJson } from '../http/pipeline.js';

/** The one path the gateway serves GraphQL on. */
export const GRAPHQL_PATH = '/graphql';

/**
 * Answers 404 `NOT_FOUND` for any path that no earlier plugin served and that is not the GraphQL
 * endpoint, before the token is checked: a mistyped URL is reported as such, with or without a
 * token, instead of as a token problem.
 */
export function useEndpointPath(): GatewayPlugin {
  return {
    name: 'endpointPath',
    http: async (exchange, next) => {
      if (exchange.url.pathname === GRAPHQL_PATH) return next();
      const path = exchange.url.pathname;
      sendJson(exchange, 404, {
        errors: [
          {
            message:
              exchange.locale === 'vi'
                ? `Không tìm thấy đường dẫn "${path}": điểm truy cập GraphQL là ${GRAPHQL_PATH}`
                : `Not found: "${path}" is not served; the GraphQL endpoint is ${GRAPHQL_PATH}`,
            extensions: { code: 'NOT_FOUND', path },
          },
        ],
      });
    },
  };
}
