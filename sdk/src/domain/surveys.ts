import { inBatches } from '../batch.js';
import type { DxhubClient } from '../client.js';
import {
  CloseSurveyDocument,
  CreateSurveyDocument,
  PendingSurveysDocument,
  PublishSurveyDocument,
  SubmitSurveyResponseDocument,
  SubmitSurveyResponsesDocument,
  SurveyDocument,
  SurveyResultsDocument,
  type CreateSurveyInput,
  type SubmitSurveyResponseMutation,
  type SurveyBulkResponseInput,
  type SurveyQuery,
  type SurveyResponseInput,
  type SurveyResultsFilter,
  type SurveyResultsQuery,
  type SurveySummaryFragment,
} from '../generated/graphql.js';
import type { RequestOptions } from '../options.js';
import { batchRequestOptions, required } from './shared.js';

/**
 * A survey without its questions.
 *
 * @example
 * ```ts
 * const survey: SurveySummary = await hub.surveys.publish(draft.id);
 * ```
 */
export type SurveySummary = SurveySummaryFragment;

/**
 * A survey with its questions, as a respondent needs it.
 *
 * @example
 * ```ts
 * const [next]: SurveyWithQuestions[] = await hub.surveys.pending();
 * ```
 */
export type SurveyWithQuestions = NonNullable<SurveyQuery['survey']>;

/**
 * A submitted response.
 *
 * @example
 * ```ts
 * const response: SubmittedResponse = await hub.surveys.submit({ surveyId, answers });
 * ```
 */
export type SubmittedResponse = NonNullable<SubmitSurveyResponseMutation['submitSurveyResponse']>;

/**
 * Participation and answer counts of a survey. Answers are released once the survey is closed
 * and enough units answered; `withheldReason` says why they are not.
 *
 * @example
 * ```ts
 * const results: SurveyResults = await hub.surveys.results(survey.id);
 * ```
 */
export type SurveyResults = NonNullable<NonNullable<SurveyResultsQuery['survey']>['results']>;

/**
 * Counts of a bulk upload, summed over its batches.
 *
 * @example
 * ```ts
 * const { submitted, replaced }: BulkSubmitResult = await hub.surveys.submitMany(survey.id, rows);
 * ```
 */
export interface BulkSubmitResult {
  submitted: number;
  replaced: number;
  responseIds: string[];
  batches: number;
}

/**
 * Surveys sent down the network, their answers and results. Creating and publishing need
 * `surveys:manage`, answering `surveys:respond`, results `surveys:read`.
 *
 * @example
 * ```ts
 * for (const survey of await hub.surveys.pending()) console.log(survey.title, survey.closesAt);
 * ```
 */
export class Surveys {
  constructor(private readonly client: DxhubClient) {}

  /**
   * Returns a survey with its questions, or null when the caller may not see it.
   *
   * @example
   * ```ts
   * const survey = await hub.surveys.get(id);
   * ```
   */
  async get(id: string, options: RequestOptions = {}): Promise<SurveyWithQuestions | null> {
    const data = await this.client.request(SurveyDocument, { id }, options);
    return data.survey;
  }

  /**
   * Returns the open surveys a unit has not submitted yet, soonest closing first: the caller's
   * own unit, or `organizationCode` in its jurisdiction.
   *
   * @example
   * ```ts
   * const todo = await hub.surveys.pending({ organizationCode: '00004' });
   * ```
   */
  async pending(
    options: RequestOptions & { organizationCode?: string } = {},
  ): Promise<SurveyWithQuestions[]> {
    const { organizationCode, ...requestOptions } = options;
    const data = await this.client.request(
      PendingSurveysDocument,
      organizationCode ? { organizationCode } : {},
      requestOptions,
    );
    return data.pendingSurveys ?? [];
  }

  /**
   * Creates a draft survey.
   *
   * @example
   * ```ts
   * const draft = await hub.surveys.create({
   *   title: 'Mức độ sẵn sàng chuyển đổi số', audience: { levels: ['COMMUNE'], underCode: '01' },
   *   opensAt: '2025-07-01T08:00:00+07:00', closesAt: '2025-07-15T17:00:00+07:00',
   *   questions: [{ code: 'team', type: 'SINGLE_CHOICE', title: 'Đã có Tổ Công nghệ số cộng đồng?', options: [{ value: 'yes', label: 'Có' }, { value: 'no', label: 'Chưa' }] }],
   * });
   * ```
   */
  async create(input: CreateSurveyInput, options: RequestOptions = {}): Promise<SurveySummary> {
    const data = await this.client.request(CreateSurveyDocument, { input }, options);
    return required(data.createSurvey, 'createSurvey');
  }

  /**
   * Publishes a draft: fixes its audience and questions; responses are taken from `opensAt`.
   *
   * @example
   * ```ts
   * const published = await hub.surveys.publish(draft.id);
   * console.log(published.audienceSize);
   * ```
   */
  async publish(id: string, options: RequestOptions = {}): Promise<SurveySummary> {
    const data = await this.client.request(PublishSurveyDocument, { id }, options);
    return required(data.publishSurvey, 'publishSurvey');
  }

  /**
   * Closes a published survey now, or moves its closing time to `closesAt`.
   *
   * @example
   * ```ts
   * await hub.surveys.close(survey.id);
   * ```
   */
  async close(
    id: string,
    options: RequestOptions & { closesAt?: string } = {},
  ): Promise<SurveySummary> {
    const { closesAt, ...requestOptions } = options;
    const data = await this.client.request(
      CloseSurveyDocument,
      { id, ...(closesAt ? { closesAt } : {}) },
      requestOptions,
    );
    return required(data.closeSurvey, 'closeSurvey');
  }

  /**
   * Submits the answers of the caller's unit, or of `input.respondentCode` below it, replacing
   * an earlier submission. A rejected answer fails with `ValidationError`, one field per answer.
   *
   * @example
   * ```ts
   * await hub.surveys.submit({ surveyId: survey.id, answers: [{ questionCode: 'team', choices: ['yes'] }] });
   * ```
   */
  async submit(
    input: SurveyResponseInput,
    options: RequestOptions = {},
  ): Promise<SubmittedResponse> {
    const data = await this.client.request(SubmitSurveyResponseDocument, { input }, options);
    return required(data.submitSurveyResponse, 'submitSurveyResponse');
  }

  /**
   * Submits responses collected offline for units below the caller, split into batches no
   * larger than the hub's `maxBatchSize`. Each batch is all or none; a failing batch stops the
   * upload and the batches before it stay submitted. With `idempotencyKey`, batch N is sent with
   * the key `KEY.N`.
   *
   * @example
   * ```ts
   * const result = await hub.surveys.submitMany(survey.id, communes.map((code) => ({
   *   respondentCode: code, answers: [{ questionCode: 'team', choices: ['yes'] }],
   * })));
   * ```
   */
  async submitMany(
    surveyId: string,
    responses: readonly SurveyBulkResponseInput[],
    options: RequestOptions & { batchSize?: number } = {},
  ): Promise<BulkSubmitResult> {
    const { batchSize, ...requestOptions } = options;
    const results = await inBatches(
      this.client,
      responses,
      async (batch, index) => {
        const data = await this.client.request(
          SubmitSurveyResponsesDocument,
          { surveyId, responses: batch },
          batchRequestOptions(requestOptions, index),
        );
        return required(data.submitSurveyResponses, 'submitSurveyResponses');
      },
      {
        ...(batchSize === undefined ? {} : { batchSize }),
        ...(requestOptions.signal ? { signal: requestOptions.signal } : {}),
      },
    );
    return {
      submitted: results.reduce((sum, result) => sum + result.submitted, 0),
      replaced: results.reduce((sum, result) => sum + result.replaced, 0),
      responseIds: results.flatMap((result) => result.responseIds),
      batches: results.length,
    };
  }

  /**
   * Returns participation and, once released, the answer counts of a survey, optionally for
   * one province or level.
   *
   * @example
   * ```ts
   * const results = await hub.surveys.results(survey.id);
   * console.log(`${results.respondedCount}/${results.audienceSize} communes answered`);
   * ```
   */
  async results(
    id: string,
    filter: SurveyResultsFilter = {},
    options: RequestOptions = {},
  ): Promise<SurveyResults> {
    const data = await this.client.request(SurveyResultsDocument, { id, filter }, options);
    return required(data.survey?.results, 'survey results');
  }
}
