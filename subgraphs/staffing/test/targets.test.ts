import type { OrgSeed } from '@dxhub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  dataOf,
  firstError,
  READER,
  recordAllocation,
  startStaffing,
  STAFFING_ORGS,
  TRANSFER,
  transferInput,
  type StaffingTest,
} from './helpers.js';

/**
 * Bodies counted by the targets, beyond the standard ones: a ministerial-level agency whose IT
 * unit is set up mid-2025, and a province merged away on 2025-06-30 whose IT unit got posts.
 */
const TARGET_ORGS: OrgSeed[] = [
  ...STAFFING_ORGS,
  { code: 'thanh-tra-chinh-phu', level: 'CENTRAL', kind: 'MINISTERIAL_AGENCY' },
  {
    code: 'trung-tam-thong-tin-ttcp',
    level: 'CENTRAL',
    kind: 'IT_UNIT',
    parentCode: 'thanh-tra-chinh-phu',
    validFrom: '2025-07-01',
  },
  { code: '35', level: 'PROVINCE', kind: 'PROVINCE', validTo: '2025-06-30' },
  {
    code: 'trung-tam-cds-ha-nam',
    level: 'PROVINCE',
    kind: 'IT_UNIT',
    parentCode: '35',
    validTo: '2025-06-30',
  },
];

const TARGETS = `query($under: OrganizationRef, $asOf: Date) { staffingTargets(under: $under, asOf: $asOf) {
    organization { id } asOf bodies bodiesWithItUnit bodiesWithPostsTransferred postsTransferredPercent
    postsTransferredGoalPercent postsTransferredGoalYear trainingGoalPercent trainingGoalYear } }`;

describe('target figures', () => {
  let test: StaffingTest;

  async function targets(
    asOf: string,
    under?: { code: string },
    as = READER('cuc-chuyen-doi-so-quoc-gia'),
  ) {
    return dataOf(await test.sg.run(TARGETS, { asOf, under }, as)).staffingTargets;
  }

  beforeAll(async () => {
    test = await startStaffing(TARGET_ORGS);
    for (const code of ['01', '79', 'bo-tai-chinh', '35'])
      await recordAllocation(test.sg, code, 2025, 100, 50);
    dataOf(
      await test.sg.run(
        TRANSFER,
        { input: transferInput('01', 'trung-tam-cds-ha-noi', 2025, 3, '2025-02-10') },
        ADMIN,
      ),
    );
    dataOf(
      await test.sg.run(
        TRANSFER,
        { input: transferInput('35', 'trung-tam-cds-ha-nam', 2025, 2, '2025-03-15') },
        ADMIN,
      ),
    );
    dataOf(
      await test.sg.run(
        TRANSFER,
        {
          input: transferInput(
            'bo-tai-chinh',
            'cuc-tin-hoc-va-thong-ke-tai-chinh',
            2025,
            4,
            '2025-09-01',
          ),
        },
        ADMIN,
      ),
    );
  });
  afterAll(async () => test?.sg.dispose());

  it('network figures before the first transfer', async () => {
    // Bodies on 2025-01-31: two ministries, Thanh tra Chính phủ, provinces 01, 79 and 35.
    expect(await targets('2025-01-31')).toMatchObject({
      organization: null,
      bodies: 6,
      bodiesWithItUnit: 4,
      bodiesWithPostsTransferred: 0,
      postsTransferredPercent: 0,
      postsTransferredGoalPercent: 100,
      postsTransferredGoalYear: 2025,
      trainingGoalPercent: 100,
      trainingGoalYear: 2030,
    });
  });

  it('network figures follow the decision dates', async () => {
    expect(await targets('2025-04-01')).toMatchObject({
      bodies: 6,
      bodiesWithItUnit: 4,
      bodiesWithPostsTransferred: 2,
      postsTransferredPercent: (2 * 100) / 6,
    });
    // After the merger: province 35 is gone, Thanh tra Chính phủ has its IT unit.
    expect(await targets('2025-08-01')).toMatchObject({
      bodies: 5,
      bodiesWithItUnit: 4,
      bodiesWithPostsTransferred: 1,
      postsTransferredPercent: 20,
    });
    expect(await targets('2025-12-31')).toMatchObject({
      bodies: 5,
      bodiesWithItUnit: 4,
      bodiesWithPostsTransferred: 2,
      postsTransferredPercent: 40,
    });
  });

  it('figures under a unit count its bodies', async () => {
    expect(await targets('2025-12-31', { code: '01' })).toMatchObject({
      organization: { id: test.id('01') },
      bodies: 1,
      bodiesWithPostsTransferred: 1,
      postsTransferredPercent: 100,
    });
    expect(await targets('2025-12-31', { code: '79' })).toMatchObject({
      bodies: 1,
      bodiesWithItUnit: 1,
      bodiesWithPostsTransferred: 0,
      postsTransferredPercent: 0,
    });
    expect(await targets('2025-12-31', { code: '001' })).toMatchObject({
      bodies: 0,
      postsTransferredPercent: null,
    });
  });

  it('figures default to the caller organisation', async () => {
    const own = await targets('2025-12-31', undefined, READER('79'));
    expect(own).toMatchObject({
      organization: { id: test.id('79') },
      bodies: 1,
      bodiesWithPostsTransferred: 0,
    });
  });

  it('organization field gives the same figures', async () => {
    const result = await test.sg.run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { staffingTargets(asOf: "2025-12-31") { bodies bodiesWithPostsTransferred } } } }`,
      {
        reps: ['01', '79', 'bo-tai-chinh'].map((code) => ({
          __typename: 'Organization',
          id: test.id(code),
        })),
      },
      ADMIN,
    );
    expect(
      dataOf(result)._entities.map((e: { staffingTargets: unknown }) => e.staffingTargets),
    ).toEqual([
      { bodies: 1, bodiesWithPostsTransferred: 1 },
      { bodies: 1, bodiesWithPostsTransferred: 0 },
      { bodies: 1, bodiesWithPostsTransferred: 1 },
    ]);
  });

  it('figures outside the jurisdiction are forbidden', async () => {
    const result = await test.sg.run(
      TARGETS,
      { asOf: '2025-12-31', under: { code: '01' } },
      READER('79'),
    );
    expect(firstError(result).extensions?.code).toBe('FORBIDDEN');
  });

  it('missing unit names its type', async () => {
    for (const locale of ['en', 'vi']) {
      const result = await test.sg.run(
        TARGETS,
        { asOf: '2025-12-31', under: { code: 'khong-ton-tai' } },
        { ...ADMIN, locale },
      );
      expect(firstError(result).extensions?.code).toBe('NOT_FOUND');
      expect(firstError(result).extensions?.entity).toBe('Organization');
    }
  });

  it('future date is rejected', async () => {
    const result = await test.sg.run(TARGETS, { asOf: '2999-01-01' }, ADMIN);
    expect(firstError(result).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  });
});
