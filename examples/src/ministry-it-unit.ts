// A ministry reports the headcount (biên chế) of its IT unit and the training of its
// digital-transformation staff, as Decision 1690/QĐ-TTg requires: posts are moved to the IT unit
// from the ministry's own allocation, never added, and every DX staff member is trained yearly.
//
// Run against a development hub:  pnpm --filter @dxhub/examples ministry
import { collect, type DxhubClient } from '@dxhub/sdk';
import { clientFor, lastYear, runWhenMain, type ExampleContext } from './connect.js';

/** The Ministry of Finance and its IT unit, the Department of Financial Informatics and Statistics. */
export const MINISTRY_CODE = 'bo-tai-chinh';
export const IT_UNIT_CODE = 'cuc-tin-hoc-va-thong-ke-tai-chinh';

const SCOPES = ['network:read', 'network:write', 'staffing:read', 'staffing:write'];

/** Figures the ministry reported and read back. */
export interface MinistryReport {
  year: number;
  itUnitCode: string;
  postsTransferred: number;
  itUnitPostsAllocated: number;
  itUnitPostsTransferredIn: number;
  ministryPostsAllocated: number;
  staffInDxRoles: number;
  staffTrained: number;
  attendanceRows: number;
}

/** Finds the ministry's IT unit in the directory, or registers it. */
async function findOrCreateItUnit(hub: DxhubClient, year: number) {
  const ministry = await hub.directory.organization(MINISTRY_CODE);
  if (!ministry)
    throw new Error(`The directory has no unit ${MINISTRY_CODE}; import the central bodies first.`);
  const [existing] = await collect(
    hub.directory.search({ parentCode: MINISTRY_CODE, kind: 'IT_UNIT' }, { maxItems: 1 }),
  );
  if (existing) return existing;
  return hub.directory.createOrganization({
    code: IT_UNIT_CODE,
    name: 'Cục Tin học và Thống kê tài chính',
    nameEn: 'Department of Financial Informatics and Statistics',
    kind: 'IT_UNIT',
    parentId: ministry.id,
    validFrom: `${year}-01-01`,
  });
}

/** Records the year's allocations and moves posts from the ministry to its IT unit. */
async function reportHeadcount(
  hub: DxhubClient,
  year: number,
  itUnitCode: string,
  postsTransferred: number,
) {
  await hub.staffing.recordAllocation({
    organization: { code: MINISTRY_CODE },
    year,
    postsAllocated: 1_200,
    postsFilled: 1_150,
    decisionNumber: `15/QĐ-BTC-${year}`,
    decisionDate: `${year}-01-10`,
  });
  await hub.staffing.recordAllocation({
    organization: { code: itUnitCode },
    year,
    postsAllocated: 40,
    postsFilled: 36,
    decisionNumber: `16/QĐ-BTC-${year}`,
    decisionDate: `${year}-01-10`,
  });
  await hub.staffing.transferPosts({
    from: { code: MINISTRY_CODE },
    to: { code: itUnitCode },
    year,
    posts: postsTransferred,
    decisionNumber: `20/QĐ-BTC-${year}`,
    decisionDate: `${year}-02-01`,
    reason: 'Kiện toàn đơn vị chuyên trách về công nghệ thông tin',
  });
}

/** Registers DX staff in the IT unit, trains some of them, and uploads the attendance. */
async function reportTraining(
  hub: DxhubClient,
  year: number,
  itUnitId: string,
  itUnitCode: string,
) {
  const position = await hub.staffing.createPosition({
    organization: { code: itUnitCode },
    title: 'Chuyên viên chuyển đổi số',
    jobTitleStandard: 'Chuyên viên',
    dxRole: true,
  });
  const names = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Minh Châu', 'Phạm Quốc Dũng'];
  const people = [];
  for (const fullName of names) {
    const person = await hub.directory.createPerson({
      fullName,
      organizationId: itUnitId,
      validFrom: `${year}-01-01`,
    });
    await hub.staffing.assignPerson({
      personId: person.id,
      positionId: position.id,
      startDate: `${year}-01-02`,
    });
    people.push(person);
  }

  const course = await hub.staffing.createCourse({
    owner: { code: MINISTRY_CODE },
    title: 'Chuyển đổi số trong ngành tài chính',
    topic: 'digital-transformation',
    provider: 'Học viện Tài chính',
    hours: 24,
    mode: 'BLENDED',
  });
  const session = await hub.staffing.createTrainingSession({
    courseId: course.id,
    organizer: { code: MINISTRY_CODE },
    startsOn: `${year}-03-03`,
    endsOn: `${year}-03-05`,
    place: 'Hà Nội',
  });
  // Three of the four completed the course; the fourth was absent.
  const rows = people.map((person, index) => ({
    personId: person.id,
    organization: { code: itUnitCode },
    status: index < 3 ? ('COMPLETED' as const) : ('ABSENT' as const),
    ...(index < 3 ? { completedOn: `${year}-03-05` } : {}),
  }));
  const attendance = await hub.staffing.recordAttendance(session.id, rows);
  return { attendanceRows: attendance.inserted + attendance.updated };
}

/** Runs the ministry's yearly report and reads back what the hub now shows. */
export async function runMinistryExample(context: ExampleContext): Promise<MinistryReport> {
  const hub = clientFor(context, MINISTRY_CODE, SCOPES);
  const year = lastYear();
  const postsTransferred = 5;

  const itUnit = await findOrCreateItUnit(hub, year);
  context.log(`IT unit: ${itUnit.name} (${itUnit.code})`);
  await reportHeadcount(hub, year, itUnit.code, postsTransferred);
  const { attendanceRows } = await reportTraining(hub, year, itUnit.id, itUnit.code);

  const figures = await hub.staffing.organizationHeadcount(MINISTRY_CODE, year);
  const coverage = await hub.staffing.trainingCoverage({ code: itUnit.code }, year);
  const report: MinistryReport = {
    year,
    itUnitCode: itUnit.code,
    postsTransferred,
    itUnitPostsAllocated: figures?.itUnitHeadcount?.postsAllocated ?? 0,
    itUnitPostsTransferredIn: figures?.itUnitHeadcount?.postsTransferredIn ?? 0,
    ministryPostsAllocated: figures?.headcount?.postsAllocated ?? 0,
    staffInDxRoles: coverage.peopleInDxRoles,
    staffTrained: coverage.trained,
    attendanceRows,
  };
  context.log(
    `${year}: IT unit has ${report.itUnitPostsAllocated} posts (${report.itUnitPostsTransferredIn} moved in); ` +
      `${report.staffTrained} of ${report.staffInDxRoles} DX staff trained`,
  );
  return report;
}

runWhenMain(import.meta.url, runMinistryExample);
