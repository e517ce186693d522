import { ConfigError, readChoice } from '@dxhub/kit';

type Env = Record<string, string | undefined>;

/** The kinds of request limited separately: queries, mutations, and queries that export data. */
export const SCOPE_CLASSES = ['reads', 'writes', 'exports'] as const;
export type ScopeClass = (typeof SCOPE_CLASSES)[number];

/** A sustained rate and the burst allowed on top of it. */
export interface RateRule {
  perMinute: number;
  burst: number;
}

export interface RateLimitConfig {
  enabled: boolean;
  /** Buckets per token subject (`sub`) and per organisation (`org`), for each scope class. */
  rules: Record<ScopeClass, { subject: RateRule; organization: RateRule }>;
  /** Field names that make a query an export, wherever they appear in it. */
  exportFields: string[];
}

/**
 * Default rates, per minute. They are estimates for a hub serving a few hundred organisations,
 * not measured figures; set the variables below to fit a deployment.
 */
const DEFAULT_RULES: RateLimitConfig['rules'] = {
  reads: { subject: { perMinute: 300, burst: 60 }, organization: { perMinute: 1200, burst: 200 } },
  writes: { subject: { perMinute: 60, burst: 20 }, organization: { perMinute: 240, burst: 60 } },
  exports: { subject: { perMinute: 10, burst: 5 }, organization: { perMinute: 30, burst: 10 } },
};

const DEFAULT_EXPORT_FIELDS = ['stixBundle', 'exportAuditEvents'];

/** Parses `PER_MINUTE` or `PER_MINUTE:BURST`, such as `600:100`. */
function readRule(env: Env, name: string, fallback: RateRule): RateRule {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const match = /^(\d+)(?::(\d+))?$/.exec(raw.trim());
  const perMinute = Number(match?.[1]);
  const burst = match?.[2] === undefined ? perMinute : Number(match[2]);
  if (!match || perMinute < 1 || burst < 1 || perMinute > 1_000_000 || burst > 1_000_000) {
    throw new ConfigError(name, {
      en: `expected PER_MINUTE or PER_MINUTE:BURST with whole numbers from 1 to 1000000, such as 600:100, got "${raw}"`,
      vi: `giá trị không hợp lệ "${raw}"; hãy đặt theo dạng SỐ_MỖI_PHÚT hoặc SỐ_MỖI_PHÚT:SỐ_TỐI_ĐA_MỘT_LÚC với số nguyên từ 1 đến 1000000, ví dụ 600:100`,
    });
  }
  return { perMinute, burst };
}

/**
 * Reads the rate limits: `DXHUB_RATE_LIMIT` (`on` by default, `off`), and for each class and
 * bucket `DXHUB_RATE_<READS|WRITES|EXPORTS>_<SUBJECT|ORG>` as `PER_MINUTE[:BURST]`, plus
 * `DXHUB_RATE_EXPORT_FIELDS` (comma-separated field names). Throws `ConfigError` naming the
 * variable at the first bad value.
 */
export function loadRateLimitConfig(env: Env = process.env): RateLimitConfig {
  const rules = {} as RateLimitConfig['rules'];
  for (const scopeClass of SCOPE_CLASSES) {
    const prefix = `DXHUB_RATE_${scopeClass.toUpperCase()}`;
    rules[scopeClass] = {
      subject: readRule(env, `${prefix}_SUBJECT`, DEFAULT_RULES[scopeClass].subject),
      organization: readRule(env, `${prefix}_ORG`, DEFAULT_RULES[scopeClass].organization),
    };
  }
  return {
    enabled: readChoice(env, 'DXHUB_RATE_LIMIT', 'on', ['on', 'off'] as const) === 'on',
    rules,
    exportFields: readExportFields(env),
  };
}

/** A GraphQL field name, as the GraphQL specification defines `Name`. */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * Reads `DXHUB_RATE_EXPORT_FIELDS`, comma-separated GraphQL field names. Unset or empty keeps the
 * defaults. Throws `ConfigError` for a list with no names (such as ",") or with a malformed
 * name, because no query selects such a field, so exports would silently be limited as reads.
 */
function readExportFields(env: Env): string[] {
  const raw = env.DXHUB_RATE_EXPORT_FIELDS;
  if (raw === undefined || raw === '') return DEFAULT_EXPORT_FIELDS;
  const example = `such as ${DEFAULT_EXPORT_FIELDS.join(',')}`;
  const exampleVi = `ví dụ ${DEFAULT_EXPORT_FIELDS.join(',')}`;
  const fields = raw
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
  if (fields.length === 0) {
    throw new ConfigError('DXHUB_RATE_EXPORT_FIELDS', {
      en: `"${raw}" names no field; expected comma-separated GraphQL field names, ${example}, or leave it unset for that default`,
      vi: `"${raw}" không nêu trường nào; hãy đặt các tên trường GraphQL cách nhau bằng dấu phẩy, ${exampleVi}, hoặc bỏ trống biến này để dùng giá trị mặc định đó`,
    });
  }
  const malformed = fields.find((field) => !GRAPHQL_NAME.test(field));
  if (malformed !== undefined) {
    throw new ConfigError('DXHUB_RATE_EXPORT_FIELDS', {
      en: `"${malformed}" is not a GraphQL field name; expected comma-separated names of letters, digits and _, ${example}, got "${raw}"`,
      vi: `"${malformed}" không phải tên trường GraphQL (giá trị "${raw}"); hãy đặt các tên gồm chữ cái, chữ số và dấu _, cách nhau bằng dấu phẩy, ${exampleVi}`,
    });
  }
  return fields;
}
