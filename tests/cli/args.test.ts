import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from '../../gateway/src/cli/args.js';
import { describeFailure } from '../../gateway/src/cli/failure.js';

const startOptions = {
  port: { type: 'string' },
  host: { type: 'string' },
  services: { type: 'boolean' },
} as const;

/** Runs `parseOptions` and returns the UsageError it throws. */
function usageErrorOf(args: string[], options: object = startOptions, positionals = false) {
  try {
    parseOptions(args, options as typeof startOptions, positionals);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`expected a UsageError for ${args.join(' ')}`);
}

describe('parseOptions errors in both languages', () => {
  const cases: { args: string[]; options?: object; en: string; vi: string }[] = [
    {
      args: ['--prot', '1'],
      en: 'Unknown option "--prot"; this command takes --port, --host, --services',
      vi: 'Không có tùy chọn "--prot"; lệnh này nhận các tùy chọn --port, --host, --services',
    },
    {
      args: ['--force'],
      options: {},
      en: 'Unknown option "--force"; this command takes no options',
      vi: 'Không có tùy chọn "--force"; lệnh này không nhận tùy chọn nào',
    },
    {
      args: ['--port'],
      en: 'Missing value for --port; write it as --port VALUE or --port=VALUE',
      vi: 'Thiếu giá trị cho --port; hãy ghi --port GIÁ_TRỊ hoặc --port=GIÁ_TRỊ',
    },
    {
      args: ['--port', '-1'],
      en: 'Missing value for --port: the next argument "-1" starts with a dash',
      vi: 'Thiếu giá trị cho --port: đối số tiếp theo "-1" bắt đầu bằng dấu gạch ngang',
    },
    {
      args: ['--services=yes'],
      en: '--services takes no value, but got "yes"; write --services alone',
      vi: '--services không nhận giá trị, nhưng lại được ghi kèm "yes"; hãy ghi riêng --services',
    },
    {
      args: ['--port', '4000', 'now'],
      en: 'Unexpected argument "now"; this command takes options only',
      vi: 'Thừa đối số "now"; lệnh này chỉ nhận tùy chọn',
    },
  ];

  for (const { args, options, en, vi } of cases) {
    it(`explains ${args.join(' ')}`, () => {
      const error = usageErrorOf(args, options);
      expect(error.code).toBe('USAGE');
      expect(error.message).toContain(en);
      expect(error.localizedMessage('en')).toBe(error.message);
      expect(error.localizedMessage('vi')).toContain(vi);
    });
  }

  it('accepts a dash value written inline', () => {
    const { values } = parseOptions(['--port=-1'], startOptions, false);
    expect(values.port).toBe('-1');
  });
});

describe('describeFailure for a query error', () => {
  const queryError = Object.assign(new Error('Failed query: select secret where id = $1'), {
    query: 'select secret where id = $1',
    params: ['private value'],
    cause: { code: '42P01' },
  });

  it('prints the PostgreSQL code in English', () => {
    const line = describeFailure(queryError, 'migrate', 'en');
    expect(line).toContain('a database query failed (PostgreSQL code 42P01)');
    expect(line).not.toContain('private value');
  });

  it('prints the PostgreSQL code in Vietnamese', () => {
    const line = describeFailure(queryError, 'migrate', 'vi');
    expect(line).toContain('một truy vấn cơ sở dữ liệu không thành công (mã lỗi PostgreSQL 42P01)');
    expect(line).not.toContain('private value');
  });
});
