import fs from 'node:fs';
import { auditMigrations, migrate, migrateSubgraph, type Locale } from '@dxhub/kit';
import { importAgencies, importUnits, networkSubgraph } from '@dxhub/network';
import { isIsoDate, missingOptionError, parseOptions, usageError, UsageError } from './args.js';
import { message } from './messages.js';
import { openForCommand } from './shared.js';

function requireReadable(file: string | undefined, option: string): string {
  if (!file) {
    throw missingOptionError(option, {
      en: 'the path of the file to import',
      vi: 'đường dẫn tệp cần nhập',
    });
  }
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT';
    const reason = missing
      ? { en: 'no such file', vi: 'không có tệp này' }
      : {
          en: `no permission to read it, or ${code ?? 'an unknown error'}`,
          vi: `không có quyền đọc hoặc lỗi ${code ?? 'không rõ'}`,
        };
    throw new UsageError({
      en: `cannot read ${file} (${reason.en}); check the path and its permissions`,
      vi: `không đọc được tệp ${file} (${reason.vi}); hãy kiểm tra đường dẫn và quyền truy cập`,
    });
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
    throw usageError('importKind', { value: kind ?? '' });
  }
  if (extra.length > 0) throw usageError('importExtraArgument', { value: extra[0] as string });
  const file = requireReadable(fileArgument, 'FILE');
  if (kind === 'units') {
    if (!values.effective) {
      throw missingOptionError('--effective', {
        en: 'the date the list takes effect, as YYYY-MM-DD',
        vi: 'ngày danh mục có hiệu lực, dạng YYYY-MM-DD',
      });
    }
    if (!isIsoDate(values.effective)) {
      throw usageError('invalidDate', { option: '--effective', value: values.effective });
    }
    if (values.mapping) requireReadable(values.mapping, '--mapping');
  } else if (values.effective || values.mapping) {
    throw usageError('importAgenciesOptions');
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
