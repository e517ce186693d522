// Input, filter and enum types of the domain methods, named here so that each carries its own
// documentation. The shapes come from the generated operations and follow the API schema.
import type * as Generated from './generated/graphql.js';

/**
 * A unit named by id or by code, whichever the caller has.
 *
 * @example
 * ```ts
 * const ministry: OrganizationRef = { code: 'bo-tai-chinh' };
 * ```
 */
export type OrganizationRef = Generated.OrganizationRef;

/**
 * Level of a unit in the network; a department or IT unit carries the level of its body.
 *
 * @example
 * ```ts
 * const level: OrgLevel = 'COMMUNE';
 * ```
 */
export type OrgLevel = Generated.OrgLevel;

/**
 * Kind of a unit, such as `MINISTRY`, `PROVINCE` or `IT_UNIT`.
 *
 * @example
 * ```ts
 * const kind: OrgKind = 'IT_UNIT';
 * ```
 */
export type OrgKind = Generated.OrgKind;

/**
 * Filter of {@link Directory.search}: level, kind, parent, ancestor, name text and date.
 *
 * @example
 * ```ts
 * const communesOfHanoi: OrganizationFilter = { ancestorCode: '01', level: 'COMMUNE' };
 * ```
 */
export type OrganizationFilter = Generated.OrganizationFilter;

/**
 * A new unit of the network: department, IT unit, district office, community team or enterprise.
 *
 * @example
 * ```ts
 * const input: CreateOrganizationInput = { code: '0100109106', name: 'Tập đoàn Công nghiệp - Viễn thông Quân đội', kind: 'ENTERPRISE' };
 * ```
 */
export type CreateOrganizationInput = Generated.CreateOrganizationInput;

/**
 * A new person of the network; contact fields are personal data.
 *
 * @example
 * ```ts
 * const input: CreatePersonInput = { fullName: 'Nguyễn Văn An', organizationId: itUnit.id };
 * ```
 */
export type CreatePersonInput = Generated.CreatePersonInput;

/**
 * Filter of {@link Staffing.headcounts}: the units under one unit, for one year.
 *
 * @example
 * ```ts
 * const filter: HeadcountFilter = { under: { code: 'bo-tai-chinh' }, year: 2025 };
 * ```
 */
export type HeadcountFilter = Generated.HeadcountFilter;

/**
 * An allocation decision: posts allocated to and filled in a unit for a year.
 *
 * @example
 * ```ts
 * const input: RecordAllocationInput = {
 *   organization: { code: 'bo-tai-chinh' }, year: 2025, postsAllocated: 1200, postsFilled: 1150,
 *   decisionNumber: '15/QĐ-BTC', decisionDate: '2025-01-10',
 * };
 * ```
 */
export type RecordAllocationInput = Generated.RecordAllocationInput;

/**
 * A transfer of posts from a body, or a unit under it, to the body's IT unit.
 *
 * @example
 * ```ts
 * const input: TransferPostsInput = {
 *   from: { code: 'bo-tai-chinh' }, to: { code: 'cuc-tin-hoc-va-thong-ke-tai-chinh' }, year: 2025, posts: 5,
 *   decisionNumber: '20/QĐ-BTC', decisionDate: '2025-02-01', reason: 'Kiện toàn đơn vị chuyên trách CNTT',
 * };
 * ```
 */
export type TransferPostsInput = Generated.TransferPostsInput;

/**
 * A new job position (vị trí việc làm).
 *
 * @example
 * ```ts
 * const input: CreatePositionInput = { organization: { code: 'cuc-tin-hoc-va-thong-ke-tai-chinh' }, title: 'Chuyên viên', dxRole: true };
 * ```
 */
export type CreatePositionInput = Generated.CreatePositionInput;

/**
 * The assignment of a person to a position from a start date.
 *
 * @example
 * ```ts
 * const input: AssignPersonInput = { personId: person.id, positionId: position.id, startDate: '2025-01-02' };
 * ```
 */
export type AssignPersonInput = Generated.AssignPersonInput;

/**
 * A course of the shared training catalogue.
 *
 * @example
 * ```ts
 * const input: CreateCourseInput = { owner: { code: 'bo-tai-chinh' }, title: 'An toàn thông tin', topic: 'security', provider: 'Học viện', hours: 16, mode: 'ONLINE' };
 * ```
 */
export type CreateCourseInput = Generated.CreateCourseInput;

/**
 * A run of a course, with its dates and place.
 *
 * @example
 * ```ts
 * const input: CreateTrainingSessionInput = { courseId: course.id, organizer: { code: 'bo-tai-chinh' }, startsOn: '2025-03-03', endsOn: '2025-03-05', place: 'Hà Nội' };
 * ```
 */
export type CreateTrainingSessionInput = Generated.CreateTrainingSessionInput;

/**
 * One person's attendance of a training session.
 *
 * @example
 * ```ts
 * const row: AttendanceInput = { personId: person.id, organization: { code: 'bo-tai-chinh' }, status: 'COMPLETED', completedOn: '2025-03-05' };
 * ```
 */
export type AttendanceInput = Generated.AttendanceInput;

/**
 * Status of a project: PROPOSED, APPROVED, IN_PROGRESS, SUSPENDED, COMPLETED or CANCELLED.
 *
 * @example
 * ```ts
 * const open: ProjectStatus[] = ['APPROVED', 'IN_PROGRESS'];
 * ```
 */
export type ProjectStatus = Generated.ProjectStatus;

/**
 * Filter of {@link Projects.list}.
 *
 * @example
 * ```ts
 * const filter: ProjectFilter = { underUnitCode: '01', statuses: ['IN_PROGRESS'], years: [2025] };
 * ```
 */
export type ProjectFilter = Generated.ProjectFilter;

/**
 * Filter of {@link Projects.totals}.
 *
 * @example
 * ```ts
 * const filter: ProjectTotalsFilter = { years: [2025], platforms: ['DATA_SHARING'] };
 * ```
 */
export type ProjectTotalsFilter = Generated.ProjectTotalsFilter;

/**
 * A new project; `budget` is whole đồng as a `bigint` or a decimal string.
 *
 * @example
 * ```ts
 * const input: CreateProjectInput = {
 *   code: 'BTC-2025-001', name: 'Nền tảng dữ liệu tài chính', ownerCode: 'bo-tai-chinh', platform: 'DATA_SHARING',
 *   deliveryMode: 'OUTSOURCED_SERVICE', fundingSource: 'STATE_BUDGET_INVESTMENT', budget: 15_000_000_000n,
 *   plannedStartOn: '2025-03-01', plannedEndOn: '2026-06-30',
 * };
 * ```
 */
export type CreateProjectInput = Generated.CreateProjectInput;

/**
 * A progress report; `spentToDate` is whole đồng and may not exceed the budget.
 *
 * @example
 * ```ts
 * const input: ReportProjectProgressInput = { projectId: project.id, percentComplete: 40, spentToDate: 6_000_000_000n };
 * ```
 */
export type ReportProjectProgressInput = Generated.ReportProjectProgressInput;

/**
 * A new survey: audience, window and questions.
 *
 * @example
 * ```ts
 * const input: CreateSurveyInput = {
 *   title: 'Mức độ sẵn sàng chuyển đổi số', audience: { levels: ['COMMUNE'], underCode: '01' },
 *   opensAt: '2025-07-01T08:00:00+07:00', closesAt: '2025-07-15T17:00:00+07:00',
 * };
 * ```
 */
export type CreateSurveyInput = Generated.CreateSurveyInput;

/**
 * The answers of one unit to a survey.
 *
 * @example
 * ```ts
 * const input: SurveyResponseInput = { surveyId: survey.id, answers: [{ questionCode: 'team', choices: ['yes'] }] };
 * ```
 */
export type SurveyResponseInput = Generated.SurveyResponseInput;

/**
 * The answers of one unit below the caller, collected offline.
 *
 * @example
 * ```ts
 * const row: SurveyBulkResponseInput = { respondentCode: '00025', answers: [{ questionCode: 'team', choices: ['no'] }] };
 * ```
 */
export type SurveyBulkResponseInput = Generated.SurveyBulkResponseInput;

/**
 * Filter of {@link Surveys.results}: one province or one level.
 *
 * @example
 * ```ts
 * const filter: SurveyResultsFilter = { provinceCode: '01' };
 * ```
 */
export type SurveyResultsFilter = Generated.SurveyResultsFilter;

/**
 * Traffic Light Protocol 2.0 marking of an incident, which decides who may read it.
 *
 * @example
 * ```ts
 * const shareable: TlpMarking[] = ['CLEAR', 'GREEN'];
 * ```
 */
export type TlpMarking = Generated.TlpMarking;

/**
 * Category of an incident.
 *
 * @example
 * ```ts
 * const category: IncidentCategory = 'FRAUD';
 * ```
 */
export type IncidentCategory = Generated.IncidentCategory;

/**
 * Severity of an incident: LOW, MEDIUM, HIGH or CRITICAL.
 *
 * @example
 * ```ts
 * const urgent: IncidentSeverity[] = ['HIGH', 'CRITICAL'];
 * ```
 */
export type IncidentSeverity = Generated.IncidentSeverity;

/**
 * Workflow status of an incident.
 *
 * @example
 * ```ts
 * const open: IncidentStatus[] = ['REPORTED', 'TRIAGED', 'CONTAINED'];
 * ```
 */
export type IncidentStatus = Generated.IncidentStatus;

/**
 * Type of an indicator of compromise, such as `DOMAIN` or `IPV4`.
 *
 * @example
 * ```ts
 * const type: IndicatorType = 'SHA256';
 * ```
 */
export type IndicatorType = Generated.IndicatorType;

/**
 * Filter of {@link Incidents.list}.
 *
 * @example
 * ```ts
 * const filter: IncidentFilter = { tlp: ['GREEN'], severity: ['HIGH', 'CRITICAL'] };
 * ```
 */
export type IncidentFilter = Generated.IncidentFilter;

/**
 * A new incident report, with its marking and indicators.
 *
 * @example
 * ```ts
 * const input: ReportIncidentInput = {
 *   title: 'Phishing campaign', description: 'Emails imitating the tax portal', category: 'FRAUD',
 *   severity: 'MEDIUM', tlp: 'GREEN', detectedAt: '2025-07-01T08:30:00+07:00',
 * };
 * ```
 */
export type ReportIncidentInput = Generated.ReportIncidentInput;
