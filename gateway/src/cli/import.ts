import fs from 'node:fs';
import { auditMigrations, migrate, migrateSubgraph, type Locale } from '@dxhub/kit';
import { importAgencies, importUnits, networkSubgraph } from '@dxhub/network';
import { isIsoDate, parseOptions, UsageError } from './args.js';
import { message } from './messages.js';
import { openForCommand } from './shared.js';

function requireReadable(file: string | undefined, option: string, locale: Locale): string {
  if (!file) {
    throw new UsageError(
      message(locale, 'missingOption', {
        option,
        what: locale === 'vi' ? 'đường dẫn tệp cần nhập' : 'the path of the file to import',
      }).replace(/\.$/, ''),
    );
  }
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT';
    const reason =
      locale === 'vi'
        ? missing
          ? 'không có tệp này'
          : `không có quyền đọc hoặc lỗi ${code ?? 'không rõ'}`
        : missing
          ? 'no such file'
          : `no permission to read it, or ${code ?? 'an unknown error'}`;
    throw new UsageError(
      locale === 'vi'
        ? `không đọc được tệp ${file} (${reason}); hãy kiểm tra đường dẫn và quyền truy cập`
        : `cannot read ${file} (${reason}); check the path and its permissions`,
    );
  }
  return file;
}

function summarize(report: unknown): string {
  if (!report || typeof report !== 'object') return String(report);
  return Object.entries(report as Record<string, unknown>)
    .filter(([, value]) => typeof value === 'number' || typeof value === 'string')
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ');
}

/** `dxhub import units|agencies FILE`: loads official reference lists into the directory. */
export async function runImport(args: string[], locale: Locale): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    effective: { type: 'string' },
    mapping: { type: 'string' },
  });
  const [kind, fileArgument, ...extra] = positionals;
  if (kind !== 'units' && kind !== 'agencies') {
    throw new UsageError(`import takes "units" or "agencies" first, not "${kind ?? ''}"`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const file = requireReadable(fileArgument, 'FILE', locale);
  if (kind === 'units') {
    if (!values.effective) {
      throw new UsageError(
        message(locale, 'missingOption', {
          option: '--effective',
          what:
            locale === 'vi'
              ? 'ngày danh mục có hiệu lực, dạng YYYY-MM-DD'
              : 'the date the list takes effect, as YYYY-MM-DD',
        }).replace(/\.$/, ''),
      );
    }
    if (!isIsoDate(values.effective)) {
      throw new UsageError(
        message(locale, 'invalidDate', { option: '--effective', value: values.effective }).replace(
          /\.$/,
          '',
        ),
      );
    }
    if (values.mapping) requireReadable(values.mapping, '--mapping', locale);
  } else if (values.effective || values.mapping) {
    throw new UsageError('import agencies takes no --effective or --mapping');
  }

  const { database, logger } = await openForCommand(`import ${kind}`);
  try {
    await migrate(database, auditMigrations);
    await migrateSubgraph(networkSubgraph, database);
    const report =
      kind === 'units'
        ? await importUnits(database, file, {
            effective: values.effective as string,
            ...(values.mapping ? { mapping: values.mapping } : {}),
            logger,
          })
        : await importAgencies(database, file, { logger });
    console.log(message(locale, 'imported', { file, summary: summarize(report) }));
    return 0;
  } finally {
    await database.close();
  }
}
