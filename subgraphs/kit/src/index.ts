// Public surface of @dxhub/kit. Every subgraph imports from here, so each name is listed on purpose.
export {
  ConfigError,
  loadBaseConfig,
  readChoice,
  readDatabaseUrl,
  readInteger,
  readString,
} from './config.js';
export type { AuthConfig, BaseConfig, HubEnvironment } from './config.js';
export { negotiateLocale, cliLocale } from './locale.js';
export type { Locale } from './locale.js';
export { DxError, defineErrors, errorTemplate, formatMessage, isKnownErrorCode } from './errors.js';
export type { CoreErrorCode, DxErrorOptions, FieldError, MessageTemplate } from './errors.js';
export { localizeGraphQLMessage } from './graphql-messages.js';
export type { MessageTranslation } from './graphql-messages.js';
export { createLogger, REDACTED_PATHS, serializeError } from './logger.js';
export type { Logger } from './logger.js';
export { openDatabase, DatabaseOpenError, StatementCounter } from './db/database.js';
export type { Database, Db, OpenDatabaseOptions } from './db/database.js';
export { DataFolderLockedError, lockDataFolder } from './db/lock.js';
export { migrate } from './db/migrate.js';
export type { MigrationResult, MigrationSet } from './db/migrate.js';
export { anyOf, arrayLiteral, rows } from './db/query.js';
export { orgTree, networkSchema, orgLevels, COORDINATING_AGENCY_CODE } from './db/org-tree.js';
export type { OrgLevel } from './db/org-tree.js';
export { SCOPES, isScope } from './auth/scopes.js';
export type { Scope } from './auth/scopes.js';
export { TokenError, bearerToken, verifyAccessToken } from './auth/token.js';
export type { AccessTokenClaims, TokenFailure } from './auth/token.js';
export {
  TokenVerifier,
  createTokenVerifier,
  loadLocalKeys,
  signDevelopmentToken,
} from './auth/keys.js';
export type { LocalKeys, RemoteKeySetOptions, SignTokenInput } from './auth/keys.js';
export { Caller, parseUuidArray, vietnamDate } from './auth/caller.js';
export type { CallerOrg } from './auth/caller.js';
export { enforceAccessDirectives } from './auth/directives.js';
export type { SubgraphContext } from './context.js';
export {
  DEFAULT_PAGE_SIZE,
  MAX_BATCH_SIZE,
  MAX_PAGE_SIZE,
  cursorScope,
  decodeCursor,
  encodeCursor,
  isTimestampText,
  pageSize,
  selectsField,
  toConnection,
} from './pagination.js';
export type { Connection, CursorKey, PageInfo, PagePosition } from './pagination.js';
export { keyedLoader, groupedLoader } from './loaders.js';
export {
  DateScalar,
  DateTimeScalar,
  VndScalar,
  scalarResolvers,
  scalarTypeDefs,
} from './scalars.js';
export { executeOnSubgraph, maskErrors, migrateSubgraph, startSubgraph } from './subgraph.js';
export type { SubgraphDependencies, SubgraphModule, SubgraphRuntime } from './subgraph.js';
export {
  BodyTooLargeError,
  DEFAULT_MAX_BODY_BYTES,
  flatHeaders,
  readBody,
  sendError,
  sendTokenError,
  serveSubgraph,
} from './http.js';
export {
  AUDIT_COLUMNS,
  GENESIS_HASH,
  appendAuditEvents,
  auditMigrations,
  clientOperationName,
  hashAuditEvent,
  toAuditEvent,
} from './audit/log.js';
export type {
  AuditAction,
  AuditEvent,
  AuditEventInput,
  AuditOutcome,
  AuditRow,
} from './audit/log.js';
export { verifyAuditChain } from './audit/verify.js';
export type { ChainProblem, ChainProblemKind, ChainReport, VerifyOptions } from './audit/verify.js';
export {
  AuditCheckpointError,
  AuditCheckpointer,
  FileCheckpointStore,
  attachAuditCheckpointer,
  auditHashAt,
  loadAuditSigningKey,
  openAuditCheckpoint,
  readPublicJwk,
  signAuditCheckpoint,
} from './audit/checkpoint.js';
export type { AuditCheckpoint, AuditCheckpointStore, AuditSigningKey } from './audit/checkpoint.js';
export {
  enableAuditCheckpoints,
  loadAuditCheckpointConfig,
  openAuditCheckpointer,
} from './audit/config.js';
export type { AuditCheckpointConfig } from './audit/config.js';
export { exportAuditEvents } from './audit/export.js';
export type { AuditExportFilter, ExportedAuditEvent } from './audit/export.js';
export { AuditRoleError, restrictAuditRole } from './audit/role.js';
export { AuditTrail } from './audit/trail.js';
export { auditEvents, auditSchema } from './audit/schema.js';
export {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  useIdempotencyKeys,
} from './idempotency/plugin.js';
export type { IdempotencyOptions } from './idempotency/plugin.js';
export {
  claimIdempotencyKey,
  completeIdempotencyKey,
  findIdempotencyKey,
  hashIdempotentRequest,
  idempotencyMigrations,
  purgeExpiredIdempotencyKeys,
  releaseIdempotencyKey,
} from './idempotency/store.js';
export type { IdempotencyKeyId, StoredIdempotencyKey } from './idempotency/store.js';
export { idempotencyKeys, idempotencySchema } from './idempotency/schema.js';
export { useRequestLog } from './observability/requestLog.js';
export {
  formatTraceparent,
  newSpanId,
  newTraceId,
  parseTraceparent,
} from './observability/traceparent.js';
export type { TraceContext } from './observability/traceparent.js';
export { databaseConnectionStates } from './observability/connections.js';
