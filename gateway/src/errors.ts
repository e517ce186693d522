import { defineErrors, type Locale } from '@dxhub/kit';

/**
 * Error codes the gateway adds to the kit's catalogue. Clients branch on `extensions.code`;
 * `QUERY_LIMIT_EXCEEDED` also carries `extensions.limit` (which limit), `max`, `found` when
 * known, and `requestId`. Its `{reason}` and `{advice}` come from {@link describeLimitViolation}.
 */
defineErrors({
  QUERY_LIMIT_EXCEEDED: {
    status: 400,
    en: 'The request exceeds the {limitName} limit: {reason}. {advice}',
    vi: 'Yêu cầu vượt giới hạn {limitName}: {reason}. {advice}',
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

/** Environment variable that sets each limit. */
const limitVariables: Record<LimitName, string> = {
  DEPTH: 'DXHUB_MAX_DEPTH',
  ALIASES: 'DXHUB_MAX_ALIASES',
  ROOT_FIELDS: 'DXHUB_MAX_ROOT_FIELDS',
  TOKENS: 'DXHUB_MAX_TOKENS',
  DIRECTIVES: 'DXHUB_MAX_DIRECTIVES',
  BATCH_SIZE: 'DXHUB_MAX_BATCH',
};

/**
 * Returns the parameters of a `QUERY_LIMIT_EXCEEDED` message in the request's language: the
 * limit's readable name, what was found against the maximum (`found` is null when only "more
 * than `max`" is known), and what to do, naming the variable that sets the limit.
 * `BATCH_SIZE` with `max` 1 means that DXHUB_MAX_BATCH turned batching off, so any JSON array
 * of operations is rejected, even an array of one, and the message states that.
 */
export function describeLimitViolation(
  limit: LimitName,
  max: number,
  found: number | null,
  locale: Locale,
): { limitName: string; reason: string; advice: string } {
  const limitName = limitNames[limit][locale];
  const variable = limitVariables[limit];
  if (limit === 'BATCH_SIZE' && max <= 1) {
    return locale === 'vi'
      ? {
          limitName,
          reason: `nền tảng này đã tắt gửi theo lô (${variable}=${max}), nên không nhận mảng JSON các thao tác, kể cả mảng chỉ có một thao tác`,
          advice: `Hãy gửi mỗi thao tác trong một yêu cầu riêng dưới dạng đối tượng JSON, hoặc đề nghị đơn vị vận hành tăng ${variable}.`,
        }
      : {
          limitName,
          reason: `batching is turned off on this hub (${variable}=${max}), so a JSON array of operations is rejected, even an array of one`,
          advice: `Send each operation in its own request as a JSON object, or ask the hub operator to raise ${variable}.`,
        };
  }
  if (locale === 'vi') {
    return {
      limitName,
      reason: `có ${found ?? `hơn ${max}`}, tối đa ${max}`,
      advice: `Hãy rút gọn truy vấn hoặc tách thành nhiều yêu cầu. Giới hạn này do ${variable} đặt.`,
    };
  }
  return {
    limitName,
    reason: `${found ?? `more than ${max}`} found, at most ${max} allowed`,
    advice: `Simplify the query or split it into several requests. The hub sets this limit with ${variable}.`,
  };
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
