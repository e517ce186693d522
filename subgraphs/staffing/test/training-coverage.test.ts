import { randomUUID } from 'node:crypto';
import type { OrgSeed } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  dataOf,
  READER,
  startStaffing,
  STAFFING_ORGS,
  WRITER,
  type StaffingTest,
} from './helpers.js';

/** Wards of Quận Ba Đình (Hà Nội) and Quận 1 (Hồ Chí Minh) with their official codes. */
const EXTRA_COMMUNES: OrgSeed[] = [
  ...[
    '00004',
    '00006',
    '00007',
    '00008',
    '00010',
    '00013',
    '00016',
    '00019',
    '00022',
    '00025',
    '00028',
    '00031',
    '00034',
  ].map((code): OrgSeed => ({ code, level: 'COMMUNE', kind: 'COMMUNE', parentCode: '001' })),
  ...['26737', '26740', '26743', '26746', '26749', '26752', '26755', '26758', '26761'].map(
    (code): OrgSeed => ({ code, level: 'COMMUNE', kind: 'COMMUNE', parentCode: '760' }),
  ),
  // A ward merged away mid-2025: its people still count for the years it existed.
  { code: '00037', level: 'COMMUNE', kind: 'COMMUNE', parentCode: '001', validTo: '2025-06-30' },
];

const PEOPLE = 420;
const YEARS = [2024, 2025, 2026];

/** A small deterministic generator (mulberry32), so a failing data set can be reproduced. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

function day(year: number, dayOfYear: number): string {
  return new Date(Date.UTC(year, 0, dayOfYear)).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** Today in Asia/Ho_Chi_Minh: completions may not lie in the future. */
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

interface Position {
  id: string;
  orgCode: string;
  dxRole: boolean;
}

interface Assignment {
  personId: string;
  position: Position;
  startDate: string;
  endDate: string | null;
}

interface Completion {
  personId: string;
  completedOn: string;
}

describe('training coverage on a generated network', () => {
  let test: StaffingTest;
  const positions: Position[] = [];
  const assignments: Assignment[] = [];
  const completions: Completion[] = [];

  /** Expected coverage of a unit from the generated records alone, without the subgraph. */
  function expected(unitCode: string | null, from: string, to: string) {
    const unitId = unitCode === null ? null : test.id(unitCode);
    const people = new Set<string>();
    for (const assignment of assignments) {
      const org = test.orgs.get(assignment.position.orgCode)!;
      const under = unitId === null || org.id === unitId || org.ancestorIds.includes(unitId);
      const held =
        assignment.startDate <= to && (assignment.endDate === null || assignment.endDate >= from);
      if (assignment.position.dxRole && under && held) people.add(assignment.personId);
    }
    const trained = new Set(
      completions
        .filter((c) => people.has(c.personId) && c.completedOn >= from && c.completedOn <= to)
        .map((c) => c.personId),
    );
    return { peopleInDxRoles: people.size, trained: trained.size };
  }

  beforeAll(async () => {
    test = await startStaffing([...STAFFING_ORGS, ...EXTRA_COMMUNES]);
    const random = randomSource(1690);
    const units = [...test.orgs.keys()];

    // Positions: one or two per unit, most of them digital-transformation roles.
    for (const orgCode of units) {
      for (let n = random.int(1, 2); n > 0; n -= 1) {
        const dxRole = random.next() < 0.75;
        const result = await test.sg.run(
          `mutation($input: CreatePositionInput!) { createPosition(input: $input) { id } }`,
          {
            input: {
              organization: { id: test.id(orgCode) },
              title: dxRole ? 'Chuyên viên chuyển đổi số' : 'Chuyên viên tổng hợp',
              dxRole,
            },
          },
          ADMIN,
        );
        positions.push({ id: dataOf(result).createPosition.id, orgCode, dxRole });
      }
    }

    // People: one to three assignments each, some ended, some starting late, in distinct positions.
    for (let p = 0; p < PEOPLE; p += 1) {
      const personId = randomUUID();
      const held = new Set<string>();
      for (let n = random.int(1, 3); n > 0; n -= 1) {
        const position = random.pick(positions);
        if (held.has(position.id)) continue;
        // The merged-away ward only had staff while it existed.
        const lastYear = position.orgCode === '00037' ? 2025 : 2026;
        held.add(position.id);
        const startDate = day(
          random.pick([2023, 2024, 2025, 2026].filter((y) => y <= lastYear)),
          random.int(1, 330),
        );
        const endYear = Math.min(lastYear, Number(startDate.slice(0, 4)) + random.int(0, 2));
        let endDate = random.next() < 0.45 ? day(endYear, random.int(1, 360)) : null;
        if (position.orgCode === '00037') endDate = '2025-06-30';
        if (endDate !== null && endDate < startDate) endDate = startDate;
        assignments.push({ personId, position, startDate, endDate });
      }
    }
    const record = async (assignment: Assignment) => {
      const assigned = await test.sg.run(
        `mutation($input: AssignPersonInput!) { assignPerson(input: $input) { id } }`,
        {
          input: {
            personId: assignment.personId,
            positionId: assignment.position.id,
            startDate: assignment.startDate,
          },
        },
        ADMIN,
      );
      const id = dataOf(assigned).assignPerson.id as string;
      if (assignment.endDate) {
        dataOf(
          await test.sg.run(
            `mutation($id: ID!, $end: Date!) { endAssignment(id: $id, endDate: $end) { id } }`,
            { id, end: assignment.endDate },
            ADMIN,
          ),
        );
      }
    };
    for (let start = 0; start < assignments.length; start += 20) {
      await Promise.all(assignments.slice(start, start + 20).map(record));
    }

    // Sessions across the years, and bulk attendance with every status.
    const course = await test.sg.run(
      `mutation { createCourse(input: { owner: { code: "cuc-chuyen-doi-so-quoc-gia" }, title: "Bồi dưỡng kỹ năng số",
         topic: "Chuyển đổi số", provider: "Học viện Công nghệ Bưu chính Viễn thông", hours: 40, mode: BLENDED }) { id } }`,
      {},
      ADMIN,
    );
    const courseId = dataOf(course).createCourse.id as string;
    const personIds = [...new Set(assignments.map((a) => a.personId))];
    for (const [index, startsOn] of [
      '2024-03-04',
      '2024-10-14',
      '2025-04-07',
      '2025-11-17',
      '2026-05-11',
      '2026-09-21',
    ].entries()) {
      const endsOn = addDays(startsOn, 4);
      const session = await test.sg.run(
        `mutation($input: CreateTrainingSessionInput!) { createTrainingSession(input: $input) { id } }`,
        {
          input: {
            courseId,
            organizer: { code: index % 2 ? '01' : 'cuc-chuyen-doi-so-quoc-gia' },
            startsOn,
            endsOn,
            place: index % 2 ? 'Hà Nội' : 'Trực tuyến',
          },
        },
        ADMIN,
      );
      const sessionId = dataOf(session).createTrainingSession.id as string;
      const rows = personIds
        .filter(() => random.next() < 0.3)
        .map((personId) => {
          const status = random.pick([
            'REGISTERED',
            'ABSENT',
            'ATTENDED',
            'COMPLETED',
            'COMPLETED',
            'COMPLETED',
          ] as const);
          // Completion certified up to fifty days after the first day, which may fall in the next year.
          const certified = addDays(startsOn, random.int(0, 50));
          const latest = certified < TODAY ? certified : TODAY;
          const completedOn = status === 'COMPLETED' ? latest : null;
          if (completedOn) completions.push({ personId, completedOn });
          // The sending unit must exist during the session: the merged-away ward's people come from its district.
          const orgCode = assignments.find((a) => a.personId === personId)!.position.orgCode;
          const sender = orgCode === '00037' && startsOn > '2025-06-30' ? '001' : orgCode;
          return { personId, organization: { id: test.id(sender) }, status, completedOn };
        });
      const upserted = await test.sg.run(
        `mutation($sessionId: ID!, $rows: [AttendanceInput!]!) { upsertAttendance(sessionId: $sessionId, rows: $rows) { inserted } }`,
        { sessionId, rows },
        ADMIN,
      );
      expect(dataOf(upserted).upsertAttendance.inserted).toBe(rows.length);
    }
  });
  afterAll(async () => test?.sg.dispose());

  const UNITS = [
    '01',
    '001',
    '00001',
    '00013',
    '00037',
    '79',
    '760',
    '26740',
    'bo-tai-chinh',
    'trung-tam-cds-ha-noi',
    'so-noi-vu-ha-noi',
  ];

  it('data set is large enough to mean something', () => {
    expect(assignments.length).toBeGreaterThan(600);
    const covered = expected('01', '2025-01-01', '2025-12-31');
    expect(covered.peopleInDxRoles).toBeGreaterThan(80);
    expect(covered.trained).toBeGreaterThan(10);
    expect(covered.trained).toBeLessThan(covered.peopleInDxRoles);
  });

  for (const year of YEARS) {
    it(`coverage by unit matches for ${year}`, async () => {
      // The merged-away ward's code names no unit after 2025; its id still works (see below).
      for (const code of UNITS.filter((unit) => unit !== '00037' || year <= 2025)) {
        const result = await test.sg.run(
          `query($code: String!, $year: Int!) { trainingCoverage(under: { code: $code }, year: $year) {
              organization { id } year from to peopleInDxRoles trained untrained percent } }`,
          { code, year },
          READER('cuc-chuyen-doi-so-quoc-gia'),
        );
        const coverage = dataOf(result).trainingCoverage;
        const want = expected(code, `${year}-01-01`, `${year}-12-31`);
        expect({ code, people: coverage.peopleInDxRoles, trained: coverage.trained }).toEqual({
          code,
          people: want.peopleInDxRoles,
          trained: want.trained,
        });
        expect(coverage.untrained).toBe(want.peopleInDxRoles - want.trained);
        expect(coverage.percent).toBe(
          want.peopleInDxRoles === 0 ? null : (want.trained * 100) / want.peopleInDxRoles,
        );
        expect(coverage.organization.id).toBe(test.id(code));
        expect([coverage.from, coverage.to]).toEqual([`${year}-01-01`, `${year}-12-31`]);
      }
    });
  }

  it('organization field batches the same figures', async () => {
    const before = test.sg.db.database.statements.count;
    const result = await test.sg.run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id trainingCoverage(year: 2025) { peopleInDxRoles trained } } } }`,
      { reps: UNITS.map((code) => ({ __typename: 'Organization', id: test.id(code) })) },
      READER('cuc-chuyen-doi-so-quoc-gia'),
    );
    const statements = test.sg.db.database.statements.count - before;
    const entities = dataOf(result)._entities as {
      id: string;
      trainingCoverage: { peopleInDxRoles: number; trained: number };
    }[];
    for (const [index, code] of UNITS.entries()) {
      const want = expected(code, '2025-01-01', '2025-12-31');
      expect(entities[index]!.trainingCoverage).toEqual({
        peopleInDxRoles: want.peopleInDxRoles,
        trained: want.trained,
      });
    }
    // The caller's organisation, then one coverage query for all eleven units.
    expect(statements).toBeLessThanOrEqual(3);
  });

  it('merged-away ward is found by id, not by code', async () => {
    const byCode = await test.sg.run(
      `{ trainingCoverage(under: { code: "00037" }, year: 2026) { trained } }`,
      {},
      ADMIN,
    );
    expect(byCode.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const byId = await test.sg.run(
      `query($id: ID!) { trainingCoverage(under: { id: $id }, year: 2025) { peopleInDxRoles trained } }`,
      { id: test.id('00037') },
      ADMIN,
    );
    const want = expected('00037', '2025-01-01', '2025-12-31');
    expect(dataOf(byId).trainingCoverage).toEqual(want);
    expect(want.peopleInDxRoles).toBeGreaterThan(0);
  });

  it('whole network coverage matches at a date', async () => {
    const result = await test.sg.run(
      `{ staffingTargets(asOf: "2025-09-30") { organization { id } trainingCoverage { from to peopleInDxRoles trained } trainingGoalPercent trainingGoalYear } }`,
      {},
      READER('cuc-chuyen-doi-so-quoc-gia'),
    );
    const targets = dataOf(result).staffingTargets;
    const want = expected(null, '2025-01-01', '2025-09-30');
    expect(targets.organization).toBeNull();
    expect(targets.trainingCoverage).toEqual({ from: '2025-01-01', to: '2025-09-30', ...want });
    expect([targets.trainingGoalPercent, targets.trainingGoalYear]).toEqual([100, 2030]);
  });

  it('coverage outside the jurisdiction is forbidden', async () => {
    const result = await test.sg.run(
      `{ trainingCoverage(under: { code: "01" }, year: 2025) { trained } }`,
      {},
      READER('79'),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.data?.trainingCoverage).toBeNull();
    const own = await test.sg.run(
      `{ trainingCoverage(under: { code: "760" }, year: 2025) { peopleInDxRoles } }`,
      {},
      WRITER('79'),
    );
    expect(dataOf(own).trainingCoverage.peopleInDxRoles).toBe(
      expected('760', '2025-01-01', '2025-12-31').peopleInDxRoles,
    );
  });
});
