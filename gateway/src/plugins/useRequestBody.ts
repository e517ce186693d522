import { BodyTooLargeError, DxError, readBody } from '@dxhub/kit';
import type { GatewayPlugin } from '../http/pipeline.js';
import { sendGraphQLError } from '../http/pipeline.js';

/**
 * Reads a POST body up to `maxBodyBytes` and parses it when it is JSON. A larger body is
 * rejected with 413 `REQUEST_TOO_LARGE` as soon as the declared length or the bytes read pass
 * the cap, and the connection is closed so the rest is never read. Malformed JSON gets 400
 * `BAD_USER_INPUT`. Other content types are left for GraphQL over HTTP to reject.
 */
export function useRequestBody(options: { maxBodyBytes: number }): GatewayPlugin {
  return {
    name: 'requestBody',
    http: async (exchange, next) => {
      if (exchange.method !== 'POST') return next();
      let text: string;
      try {
        text = await readBody(exchange.req, options.maxBodyBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        exchange.logger.info({ maxBodyBytes: options.maxBodyBytes }, 'request body too large');
        sendGraphQLError(
          exchange,
          new DxError('REQUEST_TOO_LARGE', {
            locale: exchange.locale,
            params: { max: options.maxBodyBytes },
          }),
          { connection: 'close' },
        );
        return;
      }

      const contentType = exchange.headers['content-type'] ?? '';
      if (!contentType.includes('json') || text === '') {
        exchange.body = text;
        return next();
      }
      try {
        exchange.body = JSON.parse(text);
      } catch {
        sendGraphQLError(
          exchange,
          new DxError('BAD_USER_INPUT', {
            locale: exchange.locale,
            params: {
              field: 'body',
              reason:
                exchange.locale === 'vi'
                  ? 'nội dung yêu cầu không phải JSON hợp lệ'
                  : 'the request body is not valid JSON',
            },
          }),
        );
        return;
      }
      await next();
    },
  };
}
