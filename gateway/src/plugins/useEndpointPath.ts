import type { GatewayPlugin } from '../http/pipeline.js';
import { sendJson } from '../http/pipeline.js';

/** The one path the gateway serves GraphQL on. */
export const GRAPHQL_PATH = '/graphql';

/**
 * Responds 404 `NOT_FOUND` to any path that no earlier plugin served and that is not the GraphQL
 * endpoint. It runs before the token check, so a mistyped URL is reported as such.
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
