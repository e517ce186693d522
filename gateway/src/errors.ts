import { defineErrors, type Locale } from '@dxhub/kit';

/**
 * Error codes the gateway adds to the kit's catalogue. Clients branch on `extensions.code`;
 * `QUERY_LIMIT_EXCEEDED` also carries `extensions.limit` (which limit), `max` and `found`.
 */
defineErrors({
  QUERY_LIMIT_EXCEEDED: {
    status: 400,
    en: 'The request exceeds the {limitName} limit: {found} found, at most {max} allowed. Simplify the query or split it into several requests.',
    vi: 'Yêu cầu vượt giới hạn {limitName}: có {found}, tối đa {max}. Hãy rút gọn truy vấn hoặc tách thành nhiều yêu cầu.',
  },
  REQUEST_TOO_LARGE: {
    status: 413,
    en: 'The request body is larger than {max} bytes. Send a smaller request or split it.',
    vi: 'Nội dung yêu cầu lớn hơn {max} byte. Hãy gửi yêu cầu nhỏ hơn hoặc tách thành nhiều yêu cầu.',
  },
  SUBGRAPH_UNAVAILABLE: {
    status: 502,
    en: 'The {subgraph} subgraph gave no usable answer ({reason}); its fields are null in this response. Retry later.',
    vi: 'Dịch vụ con {subgraph} không trả lời được ({reason}); các trường của dịch vụ này trả về null. Hãy thử lại sau.',
  },
  SUBGRAPH_TIMEOUT: {
    status: 504,
    en: 'The {subgraph} subgraph did not answer within {timeoutMs} ms; its fields are null in this response. Retry later.',
    vi: 'Dịch vụ con {subgraph} không trả lời trong {timeoutMs} ms; các trường của dịch vụ này trả về null. Hãy thử lại sau.',
  },
});

/** Name of the abuse limit a request broke, sent as `extensions.limit`. */
export type LimitName =
  'DEPTH' | 'ALIASES' | 'ROOT_FIELDS' | 'TOKENS' | 'DIRECTIVES' | 'BATCH_SIZE';

const limitNames: Record<LimitName, Record<Locale, string>> = {
  DEPTH: { en: 'query depth', vi: 'độ sâu truy vấn' },
  ALIASES: { en: 'alias count', vi: 'số bí danh (alias)' },
  ROOT_FIELDS: { en: 'root field count', vi: 'số trường gốc' },
  TOKENS: { en: 'token count', vi: 'số token của truy vấn' },
  DIRECTIVES: { en: 'directive count', vi: 'số chỉ thị (directive)' },
  BATCH_SIZE: { en: 'batched operation count', vi: 'số thao tác trong một lô' },
};

/** Returns the readable name of a limit in the request's language, for the `{limitName}` placeholder. */
export function describeLimit(limit: LimitName, locale: Locale): string {
  return limitNames[limit][locale];
}

/** Stable codes of {@link GatewayError}. */
export type GatewayErrorCode =
  'TOKEN_COMMAND_DISABLED' | 'SUPERGRAPH_INVALID' | 'SUBGRAPH_SERVICE_INVALID';

/**
 * An operator-facing failure of a gateway function (not a GraphQL error): the CLI prints
 * `localizedMessage(locale)` with the code and exits non-zero.
 */
export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    private readonly messages: Record<Locale, string>,
    options?: { cause?: unknown },
  ) {
    super(messages.en, options);
    this.name = 'GatewayError';
  }

  localizedMessage(locale: Locale): string {
    return this.messages[locale];
  }
}
