import fs from 'node:fs';
import { once } from 'node:events';
import {
  FileCheckpointStore,
  exportAuditEvents,
  loadAuditCheckpointConfig,
  readPublicJwk,
  restrictAuditRole,
  verifyAuditChain,
  type AuditAction,
  type AuditExportFilter,
  type ChainProblemKind,
  type ChainReport,
  type Locale,
  type VerifyOptions,
} from '@dxhub/kit';
import { isIsoDate, parseOptions, usageError } from './args.js';
import { openAuditDatabase, openForCommand } from './shared.js';

const ACTIONS: readonly AuditAction[] = ['MUTATION', 'PII_READ', 'RESTRICTED_READ'];

const problemNames: Record<ChainProblemKind, Record<Locale, string>> = {
  ROW_EDITED: { en: 'row edited', vi: 'dòng bị sửa' },
  ROW_INSERTED: { en: 'row inserted', vi: 'dòng bị chèn thêm' },
  ROWS_DELETED: { en: 'rows deleted', vi: 'dòng bị xóa' },
  CHAIN_REWRITTEN: { en: 'chain rewritten', vi: 'chuỗi bị ghi lại' },
  CHECKPOINT_MISSING: { en: 'checkpoint missing', vi: 'thiếu điểm kiểm soát' },
  CHECKPOINT_INVALID: { en: 'checkpoint invalid', vi: 'điểm kiểm soát không hợp lệ' },
};

/** Raised for an audit command that cannot run as configured; the CLI prints it with its code. */
class AuditCommandError extends Error {
  readonly code = 'AUDIT_COMMAND_FAILED';
  constructor(private readonly messages: Record<Locale, string>) {
    super(messages.en);
    this.name = 'AuditCommandError';
  }

  localizedMessage(locale: Locale): string {
    return this.messages[locale];
  }
}

/**
 * `dxhub audit verify|export|grant`: checks the hash chain and the signed checkpoint, writes
 * the log as NDJSON, or limits a PostgreSQL role to reading and appending audit rows.
 */
export async function runAudit(args: string[], locale: Locale): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'verify') return runVerify(rest, locale);
  if (action === 'export') return runExport(rest);
  if (action === 'grant') return runGrant(rest, locale);
  throw usageError('auditAction', { value: action ?? '' });
}

/** Builds the checkpoint check from the environment and `--public-key`; null with `--no-checkpoint`. */
function checkpointOptions(
  config: Parameters<typeof loadAuditCheckpointConfig>[0],
  values: { 'public-key'?: string | undefined; 'no-checkpoint'?: boolean | undefined },
): VerifyOptions['checkpoint'] | null {
  if (values['no-checkpoint']) return null;
  const settings = loadAuditCheckpointConfig(config);
  const keyFile = values['public-key'] ?? settings.keyFile;
  if (!fs.existsSync(keyFile)) {
    throw new AuditCommandError({
      en: `The audit checkpoint key ${keyFile} was not found. Pass the public key with --public-key FILE, set AUDIT_SIGNING_KEY_FILE, or skip the checkpoint with --no-checkpoint`,
      vi: `Không tìm thấy khóa điểm kiểm soát nhật ký truy cập ${keyFile}. Hãy chỉ khóa công khai bằng --public-key TỆP, đặt AUDIT_SIGNING_KEY_FILE, hoặc bỏ qua điểm kiểm soát bằng --no-checkpoint`,
    });
  }
  return { store: new FileCheckpointStore(settings.file), publicJwk: readPublicJwk(keyFile) };
}

function describeReport(report: ChainReport, checked: boolean, locale: Locale): string {
  if (report.ok) {
    const checkpoint = report.checkpoint;
    if (locale === 'vi') {
      const tail = checkpoint
        ? ` Điểm kiểm soát đã ký (khóa ${checkpoint.kid}, ký lúc ${checkpoint.signedAt}) khớp với dòng ${checkpoint.seq}.`
        : checked
          ? ''
          : ' Không kiểm tra điểm kiểm soát, nên chưa loại trừ được việc xóa các dòng mới nhất.';
      return `Nhật ký truy cập nguyên vẹn: ${report.rows} dòng, dòng cuối seq ${report.lastSeq}.${tail}`;
    }
    const tail = checkpoint
      ? ` The signed checkpoint (key ${checkpoint.kid}, signed ${checkpoint.signedAt}) matches seq ${checkpoint.seq}.`
      : checked
        ? ''
        : ' The checkpoint was not checked, so deleted newest rows are not ruled out.';
    return `Audit log intact: ${report.rows} rows, last seq ${report.lastSeq}.${tail}`;
  }
  const problem = report.firstProblem;
  if (!problem) return '';
  const name = problemNames[problem.kind][locale];
  const where =
    problem.seq === null
      ? ''
      : locale === 'vi'
        ? ` tại seq ${problem.seq}`
        : ` at seq ${problem.seq}`;
  return locale === 'vi'
    ? `Nhật ký truy cập bị can thiệp: ${name}${where} [${problem.kind}]. Chi tiết: ${problem.detail}.`
    : `Audit log tampered: ${name}${where} [${problem.kind}]: ${problem.detail}.`;
}

async function runVerify(args: string[], locale: Locale): Promise<number> {
  const { values } = parseOptions(
    args,
    {
      'public-key': { type: 'string' },
      'no-checkpoint': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    false,
  );
  const { config, database } = await openForCommand('audit verify');
  const auditDatabase = await openAuditDatabase(config, database);
  try {
    const checkpoint = checkpointOptions(config, values);
    const report = await verifyAuditChain(auditDatabase, checkpoint ? { checkpoint } : {});
    if (values.json) console.log(JSON.stringify(report));
    else if (report.ok) console.log(describeReport(report, checkpoint !== null, locale));
    else console.error(describeReport(report, checkpoint !== null, locale));
    return report.ok ? 0 : 1;
  } finally {
    if (auditDatabase !== database) await auditDatabase.close();
    await database.close();
  }
}

/** Vietnam's offset, used to read a calendar date as a day in Asia/Ho_Chi_Minh (no daylight saving). */
const VIETNAM_OFFSET = '+07:00';

/** Reads `--from`/`--to`: a YYYY-MM-DD day in Asia/Ho_Chi_Minh, or an ISO 8601 time with an offset. */
function readInstant(
  option: string,
  value: string | undefined,
  endOfDay: boolean,
): Date | undefined {
  if (value === undefined) return undefined;
  if (isIsoDate(value)) {
    const start = new Date(`${value}T00:00:00${VIETNAM_OFFSET}`);
    return endOfDay ? new Date(start.getTime() + 24 * 3600 * 1000) : start;
  }
  const parsed = new Date(value);
  if (!/T.*(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(parsed.getTime())) {
    throw usageError('invalidInstant', { option, value });
  }
  return parsed;
}

async function runExport(args: string[]): Promise<number> {
  const { values } = parseOptions(
    args,
    {
      from: { type: 'string' },
      to: { type: 'string' },
      subject: { type: 'string' },
      org: { type: 'string' },
      action: { type: 'string' },
    },
    false,
  );
  if (values.action !== undefined && !ACTIONS.includes(values.action as AuditAction)) {
    throw usageError('auditActionFilter', { choices: ACTIONS.join(', '), value: values.action });
  }
  // A date given to --to includes that whole day; a time given to --to is excluded.
  const filter: AuditExportFilter = {
    ...(values.from !== undefined ? { from: readInstant('--from', values.from, false) } : {}),
    ...(values.to !== undefined ? { to: readInstant('--to', values.to, true) } : {}),
    ...(values.subject !== undefined ? { subject: values.subject } : {}),
    ...(values.org !== undefined ? { orgCode: values.org } : {}),
    ...(values.action !== undefined ? { action: values.action as AuditAction } : {}),
  };
  const { config, database } = await openForCommand('audit export');
  const auditDatabase = await openAuditDatabase(config, database);
  try {
    for await (const event of exportAuditEvents(auditDatabase, filter)) {
      if (!process.stdout.write(`${JSON.stringify(event)}\n`)) await once(process.stdout, 'drain');
    }
    return 0;
  } finally {
    if (auditDatabase !== database) await auditDatabase.close();
    await database.close();
  }
}

async function runGrant(args: string[], locale: Locale): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const [role] = positionals;
  if (!role) throw usageError('grantRoleMissing');
  if (positionals.length > 1) {
    throw usageError('grantRoleExtra', {
      count: positionals.length,
      values: positionals.join(', '),
    });
  }
  const { config, database } = await openForCommand('audit grant');
  const auditDatabase = await openAuditDatabase(config, database);
  try {
    await restrictAuditRole(auditDatabase, role);
    console.log(
      locale === 'vi'
        ? `Vai trò ${role} được đọc và ghi thêm nhật ký truy cập, không được sửa hay xóa.`
        : `Role ${role} may read and append audit rows, and may not update or delete them.`,
    );
    return 0;
  } finally {
    if (auditDatabase !== database) await auditDatabase.close();
    await database.close();
  }
}
