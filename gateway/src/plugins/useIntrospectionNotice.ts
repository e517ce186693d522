import type { Locale } from '@dxhub/kit';
import type { GatewayPlugin } from '../http/pipeline.js';

/**
 * Value of `extensions.validationErrorCode` that Apollo Server 5 sets, next to
 * `code: GRAPHQL_VALIDATION_FAILED`, when introspection is turned off.
 */
const INTROSPECTION_DISABLED = 'INTROSPECTION_DISABLED';

const notice: Record<Locale, string> = {
  en: 'Introspection is turned off on this hub by DXHUB_INTROSPECTION, so __schema and __type cannot be queried. Ask the hub operator for the schema, or to set DXHUB_INTROSPECTION=true.',
  vi: 'Truy vấn introspection đã bị tắt trên nền tảng này bởi biến DXHUB_INTROSPECTION, nên không truy vấn được __schema và __type. Hãy đề nghị đơn vị vận hành cung cấp lược đồ (schema), hoặc đặt DXHUB_INTROSPECTION=true.',
};

/**
 * Replaces Apollo Server's message for a rejected introspection query, which advises the client
 * to "pass introspection: true to ApolloServer", with one that names DXHUB_INTROSPECTION, in
 * the request's language. The codes stay Apollo's: `extensions.code` is
 * `GRAPHQL_VALIDATION_FAILED` and `extensions.validationErrorCode` is `INTROSPECTION_DISABLED`.
 */
export function useIntrospectionNotice(): GatewayPlugin {
  return {
    name: 'introspectionNotice',
    apollo: {
      async requestDidStart() {
        return {
          async willSendResponse({ response, contextValue }) {
            if (response.body.kind !== 'single') return;
            const result = response.body.singleResult;
            if (!result.errors) return;
            result.errors = result.errors.map((error) =>
              error.extensions?.validationErrorCode === INTROSPECTION_DISABLED
                ? { ...error, message: notice[contextValue.locale] }
                : error,
            );
          },
        };
      },
    },
  };
}
