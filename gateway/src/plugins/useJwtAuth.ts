import { DxError, TokenError, type TokenVerifier } from '@dxhub/kit';
import type { GatewayPlugin } from '../http/pipeline.js';
import { sendGraphQLError } from '../http/pipeline.js';

/**
 * Verifies the bearer token of every GraphQL request with the kit's verifier before the body is
 * read, parsed or planned. A missing or bad token gets HTTP 401 with `UNAUTHENTICATED` and the
 * reason code (`TOKEN_EXPIRED`, `TOKEN_SIGNATURE_INVALID`, ...) in `extensions.reason`, so no
 * subgraph is called and introspection is served only to valid tokens. The subgraphs verify the
 * token again, because they can be reached without the gateway.
 */
export function useJwtAuth(verifier: TokenVerifier): GatewayPlugin {
  return {
    name: 'jwtAuth',
    http: async (exchange, next) => {
      try {
        exchange.claims = await verifier.verify(exchange.headers.authorization);
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        exchange.logger.info({ reason: error.reason, claim: error.claim }, 'token rejected');
        sendGraphQLError(
          exchange,
          new DxError('UNAUTHENTICATED', {
            locale: exchange.locale,
            params: { reason: error.describe(exchange.locale) },
            extensions: {
              reason: error.reason,
              ...(error.claim ? { claim: error.claim } : {}),
              ...(error.headerSize ? { maxBytes: error.headerSize.maxBytes } : {}),
            },
          }),
          {
            'www-authenticate': `Bearer error="invalid_token", error_description="${error.reason}"`,
          },
        );
        return;
      }
      exchange.bindLog({ org: exchange.claims.orgCode, clientId: exchange.claims.clientId });
      await next();
    },
  };
}
