// Public surface of @dxhub/surveys.
export { surveysSubgraph, typeDefsSource, migrationsFolder } from './server.js';
export { accessSuite } from './access-suite.js';
export { SURVEY_ERRORS } from './errors.js';
export type { SurveyErrorCode } from './errors.js';
