// An enterprise of the network reports a cybersecurity incident (sự cố an toàn thông tin mạng)
// marked TLP:GREEN, so every network member may read it, and then reads the GREEN incidents
// that other members shared.
//
// Run against a development hub:  pnpm --filter @dxhub/examples enterprise
import { collect, type DxhubClient, type IncidentSummary } from '@dxhub/sdk';
import { clientFor, runWhenMain, type ExampleContext } from './connect.js';

/** Viettel Group, registered in the directory under its tax code (mã số thuế). */
export const ENTERPRISE_TAX_CODE = '0100109106';
const COORDINATING_AGENCY = 'cuc-chuyen-doi-so-quoc-gia';

/** Incidents the enterprise reported and read. */
export interface EnterpriseReport {
  reportedId: string;
  reportedTitle: string;
  /** GREEN incidents the enterprise can read, its own included, newest first as the hub lists them. */
  sharedGreen: Pick<IncidentSummary, 'id' | 'title' | 'severity' | 'tlp'>[];
}

/** Registers the enterprise in the directory, as the coordinating agency, unless it is there. */
async function registerEnterprise(agency: DxhubClient): Promise<void> {
  if (await agency.directory.organization(ENTERPRISE_TAX_CODE)) return;
  await agency.directory.createOrganization({
    code: ENTERPRISE_TAX_CODE,
    name: 'Tập đoàn Công nghiệp - Viễn thông Quân đội',
    nameEn: 'Viettel Group',
    kind: 'ENTERPRISE',
    validFrom: '2020-01-01',
  });
}

/** Reports a phishing campaign, reads it back, and lists the GREEN incidents of the network. */
export async function runEnterpriseExample(context: ExampleContext): Promise<EnterpriseReport> {
  await registerEnterprise(
    clientFor(context, COORDINATING_AGENCY, ['network:read', 'network:write']),
  );
  const hub = clientFor(context, ENTERPRISE_TAX_CODE, ['incidents:report', 'incidents:read']);

  const reported = await hub.incidents.report({
    title: 'Chiến dịch thư điện tử giả mạo cổng dịch vụ công',
    description: 'Thư giả mạo yêu cầu cập nhật tài khoản, dẫn tới trang đăng nhập giả.',
    category: 'FRAUD',
    severity: 'MEDIUM',
    tlp: 'GREEN',
    detectedAt: new Date(Date.now() - 3 * 60 * 60 * 1000).toISOString(),
    indicators: [
      { type: 'DOMAIN', value: 'dichvucong-gov.example' },
      { type: 'IPV4', value: '203.0.113.45' },
    ],
  });
  context.log(`Reported ${reported.id}: ${reported.title} (${reported.tlp}, ${reported.status})`);

  const again = await hub.incidents.get(reported.id);
  if (!again) throw new Error(`The incident ${reported.id} just reported cannot be read back`);

  const green = await collect(hub.incidents.list({ tlp: ['GREEN'] }, { pageSize: 50 }));
  for (const incident of green)
    context.log(`GREEN: ${incident.title} (${incident.severity}) from ${incident.reporter.code}`);
  return {
    reportedId: reported.id,
    reportedTitle: again.title,
    sharedGreen: green.map(({ id, title, severity, tlp }) => ({ id, title, severity, tlp })),
  };
}

runWhenMain(import.meta.url, runEnterpriseExample);
