import { verifyAuditChain, type Locale } from '@dxhub/kit';
import { parseOptions, UsageError } from './args.js';
import { openAuditDatabase, openForCommand } from './shared.js';

/** `dxhub audit verify`: walks the audit log's hash chain and names the first broken row. */
export async function runAudit(args: string[], locale: Locale): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const [action] = positionals;
  if (action !== 'verify') throw new UsageError(`audit takes "verify" or "export", not "${action ?? ''}"`);
  const { config, database } = await openForCommand('audit verify');
  const auditDatabase = await openAuditDatabase(config, database);
  try {
    const report = await verifyAuditChain(auditDatabase);
    if (report.ok) {
      console.log(
        locale === 'vi'
          ? `Nhật ký truy cập nguyên vẹn: ${report.rows} dòng, dòng cuối ${report.lastSeq}.`
          : `Audit log intact: ${report.rows} rows, last seq ${report.lastSeq}.`,
      );
      return 0;
    }
    const problem = report.firstProblem;
    console.error(
      locale === 'vi'
        ? `Nhật ký truy cập bị thay đổi: dòng đầu tiên sai là seq ${problem?.seq} (${problem?.problem}: ${problem?.detail}).`
        : `Audit log tampered: first bad row is seq ${problem?.seq} (${problem?.problem}: ${problem?.detail}).`,
    );
    return 1;
  } finally {
    if (auditDatabase !== database) await auditDatabase.close();
    await database.close();
  }
}
