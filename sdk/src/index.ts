// Public surface of @dxhub/sdk. Every name exported here is public API: test/exports.test.ts
// pins the list, so adding or removing one is a deliberate change.
export { DxhubClient, createClient } from './client.js';
export type { ExecuteResult, VariablesAndOptions } from './client.js';
export { DEFAULT_TIMEOUT_MS } from './options.js';
export type { ClientOptions, RequestOptions, ResolvedClientOptions } from './options.js';
export type { TokenProvider, TokenRequest } from './auth.js';
export { DEFAULT_RETRY_POLICY } from './retry.js';
export type { RetryPolicy } from './retry.js';
export type {
  DocumentInput,
  DocumentNodeLike,
  PrintDocument,
  ResultOf,
  VariablesOf,
} from './document.js';
export {
  AuthenticationError,
  AuthorizationError,
  ConflictError,
  DxhubError,
  GraphQLResponseError,
  HttpError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  RequestAbortedError,
  TimeoutError,
  ValidationError,
  isDxhubError,
} from './errors.js';
export type { DxhubErrorCode, DxhubErrorDetails, FieldError, GraphQLErrorEntry } from './errors.js';
export { DEFAULT_PAGE_SIZE, collect, paginate, paginatePages } from './pagination.js';
export type { ConnectionLike, Page, PageVariables, PaginateOptions } from './pagination.js';
export { inBatches } from './batch.js';
export type { BatchOptions } from './batch.js';
export { hubLimits } from './limits.js';
export type { HubLimits } from './limits.js';
export { formatVnd, parseVnd, toVndString } from './vnd.js';
export { Directory } from './domain/directory.js';
export type { CreatedPerson, OrganizationSummary } from './domain/directory.js';
export { Staffing } from './domain/staffing.js';
export type {
  AllocationDecision,
  AttendanceResult,
  Headcount,
  OrganizationHeadcount,
  PostTransfer,
  TrainingCoverage,
} from './domain/staffing.js';
export { Projects } from './domain/projects.js';
export type { Project, ProjectProgressReport, ProjectTotals } from './domain/projects.js';
export { Surveys } from './domain/surveys.js';
export type {
  BulkSubmitResult,
  SubmittedResponse,
  SurveyResults,
  SurveySummary,
  SurveyWithQuestions,
} from './domain/surveys.js';
export { Incidents } from './domain/incidents.js';
export type { IncidentDetails, IncidentListOptions, IncidentSummary } from './domain/incidents.js';
// Input, filter and enum types of the domain methods.
export type {
  AssignPersonInput,
  AttendanceInput,
  CreateCourseInput,
  CreateOrganizationInput,
  CreatePersonInput,
  CreatePositionInput,
  CreateProjectInput,
  CreateSurveyInput,
  CreateTrainingSessionInput,
  HeadcountFilter,
  IncidentCategory,
  IncidentFilter,
  IncidentSeverity,
  IncidentStatus,
  IndicatorType,
  OrgKind,
  OrgLevel,
  OrganizationFilter,
  OrganizationRef,
  ProjectFilter,
  ProjectStatus,
  ProjectTotalsFilter,
  RecordAllocationInput,
  ReportIncidentInput,
  ReportProjectProgressInput,
  SurveyBulkResponseInput,
  SurveyResponseInput,
  SurveyResultsFilter,
  TlpMarking,
  TransferPostsInput,
} from './inputs.js';
