import { inBatches, type BatchOptions } from '../batch.js';
import type { DxhubClient } from '../client.js';
import {
  AssignPersonDocument,
  CreateCourseDocument,
  CreatePositionDocument,
  CreateTrainingSessionDocument,
  HeadcountsDocument,
  OrganizationHeadcountDocument,
  RecordAllocationDocument,
  TrainingCoverageDocument,
  TransferPostsDocument,
  UpsertAttendanceDocument,
  type AssignPersonInput,
  type AssignPersonMutation,
  type AttendanceInput,
  type CreateCourseInput,
  type CreateCourseMutation,
  type CreatePositionInput,
  type CreatePositionMutation,
  type CreateTrainingSessionInput,
  type CreateTrainingSessionMutation,
  type HeadcountFieldsFragment,
  type HeadcountFilter,
  type OrganizationRef,
  type RecordAllocationInput,
  type RecordAllocationMutation,
  type TrainingCoverageQuery,
  type TransferPostsInput,
  type TransferPostsMutation,
} from '../generated/graphql.js';
import type { RequestOptions } from '../options.js';
import { paginate, type PaginateOptions } from '../pagination.js';
import { batchRequestOptions, required } from './shared.js';

/**
 * Posts (biên chế) of one unit for one year.
 *
 * @example
 * ```ts
 * const { postsAllocated, postsFilled, vacantPosts }: Headcount = figures;
 * ```
 */
export type Headcount = HeadcountFieldsFragment;

/**
 * A unit's own headcount and its IT unit's headcount for a year; each is null when not recorded.
 *
 * @example
 * ```ts
 * const { itUnitHeadcount }: OrganizationHeadcount = await hub.staffing.organizationHeadcount('bo-tai-chinh', 2025);
 * ```
 */
export interface OrganizationHeadcount {
  code: string;
  headcount: Headcount | null;
  itUnitHeadcount: Headcount | null;
}

/**
 * A recorded allocation decision.
 *
 * @example
 * ```ts
 * const decision: AllocationDecision = await hub.staffing.recordAllocation(input);
 * ```
 */
export type AllocationDecision = NonNullable<RecordAllocationMutation['recordAllocation']>;

/**
 * A recorded transfer of posts to an IT unit.
 *
 * @example
 * ```ts
 * const transfer: PostTransfer = await hub.staffing.transferPosts(input);
 * ```
 */
export type PostTransfer = NonNullable<TransferPostsMutation['transferPosts']>;

/**
 * Training coverage of the people in digital-transformation roles under a unit for a year.
 *
 * @example
 * ```ts
 * const coverage: TrainingCoverage = await hub.staffing.trainingCoverage({ code: 'bo-tai-chinh' }, 2025);
 * ```
 */
export type TrainingCoverage = NonNullable<TrainingCoverageQuery['trainingCoverage']>;

/**
 * Counts of an attendance upload, summed over its batches.
 *
 * @example
 * ```ts
 * const { inserted, updated }: AttendanceResult = await hub.staffing.recordAttendance(sessionId, rows);
 * ```
 */
export interface AttendanceResult {
  inserted: number;
  updated: number;
  /** Number of requests the rows were split into. */
  batches: number;
}

/**
 * Headcount figures, transfers of posts, positions and training. Reads need `staffing:read`,
 * changes `staffing:write`.
 *
 * @example
 * ```ts
 * for await (const row of hub.staffing.headcounts({ under: { code: 'bo-tai-chinh' }, year: 2025 })) {
 *   console.log(row.organization.code, row.postsAllocated, row.postsFilled);
 * }
 * ```
 */
export class Staffing {
  constructor(private readonly client: DxhubClient) {}

  /**
   * Iterates over the headcount rows of the units under `filter.under` for `filter.year`.
   *
   * @example
   * ```ts
   * const rows = await collect(hub.staffing.headcounts({ under: { code: '01' }, year: 2025 }));
   * ```
   */
  headcounts(
    filter: HeadcountFilter,
    options: PaginateOptions = {},
  ): AsyncGenerator<Headcount, void, undefined> {
    return paginate(
      this.client,
      HeadcountsDocument,
      { filter },
      (data) => data.headcounts,
      options,
    );
  }

  /**
   * Returns a unit's headcount and its IT unit's headcount for `year`, or null when no unit
   * carries `code` today.
   *
   * @example
   * ```ts
   * const figures = await hub.staffing.organizationHeadcount('bo-tai-chinh', 2025);
   * console.log(figures?.itUnitHeadcount?.postsTransferredIn);
   * ```
   */
  async organizationHeadcount(
    code: string,
    year: number,
    options: RequestOptions = {},
  ): Promise<OrganizationHeadcount | null> {
    const data = await this.client.request(OrganizationHeadcountDocument, { code, year }, options);
    const organization = data.organization;
    if (!organization) return null;
    return {
      code: organization.code,
      headcount: organization.headcount,
      itUnitHeadcount: organization.itUnitHeadcount,
    };
  }

  /**
   * Records the posts a decision allocates to a unit for a year, and how many are filled.
   *
   * @example
   * ```ts
   * await hub.staffing.recordAllocation({
   *   organization: { code: 'bo-tai-chinh' }, year: 2025, postsAllocated: 120, postsFilled: 110,
   *   decisionNumber: '15/QĐ-BTC', decisionDate: '2025-01-10',
   * });
   * ```
   */
  async recordAllocation(
    input: RecordAllocationInput,
    options: RequestOptions = {},
  ): Promise<AllocationDecision> {
    const data = await this.client.request(RecordAllocationDocument, { input }, options);
    return required(data.recordAllocation, 'recordAllocation');
  }

  /**
   * Moves posts from a body, or a unit under it, to the body's IT unit. Headcount is moved,
   * never added: the hub rejects a transfer that would grow the body's total.
   *
   * @example
   * ```ts
   * await hub.staffing.transferPosts({
   *   from: { code: 'bo-tai-chinh' }, to: { code: 'cuc-tin-hoc-btc' }, year: 2025, posts: 5,
   *   decisionNumber: '16/QĐ-BTC', decisionDate: '2025-02-01', reason: 'Kiện toàn đơn vị chuyên trách CNTT',
   * });
   * ```
   */
  async transferPosts(
    input: TransferPostsInput,
    options: RequestOptions = {},
  ): Promise<PostTransfer> {
    const data = await this.client.request(TransferPostsDocument, { input }, options);
    return required(data.transferPosts, 'transferPosts');
  }

  /**
   * Creates a job position (vị trí việc làm); `dxRole` marks digital-transformation positions,
   * whose holders count toward training coverage.
   *
   * @example
   * ```ts
   * const position = await hub.staffing.createPosition({ organization: { code: 'cuc-tin-hoc-btc' }, title: 'Chuyên viên CĐS', dxRole: true });
   * ```
   */
  async createPosition(
    input: CreatePositionInput,
    options: RequestOptions = {},
  ): Promise<NonNullable<CreatePositionMutation['createPosition']>> {
    const data = await this.client.request(CreatePositionDocument, { input }, options);
    return required(data.createPosition, 'createPosition');
  }

  /**
   * Assigns a person to a position from `startDate`.
   *
   * @example
   * ```ts
   * await hub.staffing.assignPerson({ personId: person.id, positionId: position.id, startDate: '2025-01-02' });
   * ```
   */
  async assignPerson(
    input: AssignPersonInput,
    options: RequestOptions = {},
  ): Promise<NonNullable<AssignPersonMutation['assignPerson']>> {
    const data = await this.client.request(AssignPersonDocument, { input }, options);
    return required(data.assignPerson, 'assignPerson');
  }

  /**
   * Adds a course to the shared training catalogue.
   *
   * @example
   * ```ts
   * const course = await hub.staffing.createCourse({ owner: { code: 'bo-tai-chinh' }, title: 'An toàn thông tin cơ bản', topic: 'security', provider: 'Học viện', hours: 16, mode: 'ONLINE' });
   * ```
   */
  async createCourse(
    input: CreateCourseInput,
    options: RequestOptions = {},
  ): Promise<NonNullable<CreateCourseMutation['createCourse']>> {
    const data = await this.client.request(CreateCourseDocument, { input }, options);
    return required(data.createCourse, 'createCourse');
  }

  /**
   * Schedules a run of a course.
   *
   * @example
   * ```ts
   * const session = await hub.staffing.createTrainingSession({ courseId: course.id, organizer: { code: 'bo-tai-chinh' }, startsOn: '2025-03-03', endsOn: '2025-03-04', place: 'Hà Nội' });
   * ```
   */
  async createTrainingSession(
    input: CreateTrainingSessionInput,
    options: RequestOptions = {},
  ): Promise<NonNullable<CreateTrainingSessionMutation['createTrainingSession']>> {
    const data = await this.client.request(CreateTrainingSessionDocument, { input }, options);
    return required(data.createTrainingSession, 'createTrainingSession');
  }

  /**
   * Inserts or updates the attendance of a session, split into batches no larger than the hub's
   * `maxBatchSize`. Each batch is one transaction: a batch with an invalid row saves nothing and
   * stops the upload, while the batches before it stay saved. With `idempotencyKey`, batch N is
   * sent with the key `KEY.N`.
   *
   * @example
   * ```ts
   * const result = await hub.staffing.recordAttendance(session.id, people.map((p) => ({
   *   personId: p.id, organization: { code: 'cuc-tin-hoc-btc' }, status: 'COMPLETED', completedOn: '2025-03-04',
   * })));
   * ```
   */
  async recordAttendance(
    sessionId: string,
    rows: readonly AttendanceInput[],
    options: RequestOptions & Pick<BatchOptions, 'batchSize'> = {},
  ): Promise<AttendanceResult> {
    const { batchSize, ...requestOptions } = options;
    const results = await inBatches(
      this.client,
      rows,
      async (batch, index) => {
        const data = await this.client.request(
          UpsertAttendanceDocument,
          { sessionId, rows: batch },
          batchRequestOptions(requestOptions, index),
        );
        return required(data.upsertAttendance, 'upsertAttendance');
      },
      {
        ...(batchSize === undefined ? {} : { batchSize }),
        ...(requestOptions.signal ? { signal: requestOptions.signal } : {}),
      },
    );
    return {
      inserted: results.reduce((sum, result) => sum + result.inserted, 0),
      updated: results.reduce((sum, result) => sum + result.updated, 0),
      batches: results.length,
    };
  }

  /**
   * Returns how many people in digital-transformation roles under a unit were trained in `year`.
   * The 2030 target of Decision 1690/QĐ-TTg is 100% every year.
   *
   * @example
   * ```ts
   * const coverage = await hub.staffing.trainingCoverage({ code: 'bo-tai-chinh' }, 2025);
   * console.log(`${coverage.trained}/${coverage.peopleInDxRoles}`);
   * ```
   */
  async trainingCoverage(
    under: OrganizationRef,
    year: number,
    options: RequestOptions = {},
  ): Promise<TrainingCoverage> {
    const data = await this.client.request(TrainingCoverageDocument, { under, year }, options);
    return required(data.trainingCoverage, 'trainingCoverage');
  }
}
