import type { DxhubClient } from '../client.js';
import {
  IncidentDocument,
  IncidentsDocument,
  ReportIncidentDocument,
  type IncidentFilter,
  type IncidentQuery,
  type IncidentSummaryFragment,
  type ReportIncidentInput,
} from '../generated/graphql.js';
import type { RequestOptions } from '../options.js';
import { paginate, type PaginateOptions } from '../pagination.js';
import { required } from './shared.js';

/**
 * An incident as lists return it.
 *
 * @example
 * ```ts
 * const summary: IncidentSummary = (await collect(hub.incidents.list({}, { maxItems: 1 })))[0]!;
 * ```
 */
export type IncidentSummary = IncidentSummaryFragment;

/**
 * One incident with its description.
 *
 * @example
 * ```ts
 * const incident: IncidentDetails | null = await hub.incidents.get(id);
 * ```
 */
export type IncidentDetails = NonNullable<IncidentQuery['incident']>;

/**
 * Options of {@link Incidents.list}: paging plus `updatedSince` for incremental synchronisation.
 *
 * @example
 * ```ts
 * const options: IncidentListOptions = { updatedSince: '2025-07-01T00:00:00+07:00', pageSize: 200 };
 * ```
 */
export interface IncidentListOptions extends PaginateOptions {
  updatedSince?: string;
}

/**
 * Cybersecurity incidents (sự cố an toàn thông tin mạng) shared under the Traffic Light Protocol
 * 2.0. Reporting needs `incidents:report`, reading `incidents:read`; every read returns only the
 * incidents whose marking lets the caller see them.
 *
 * @example
 * ```ts
 * for await (const incident of hub.incidents.list({ tlp: ['GREEN'] })) console.log(incident.title);
 * ```
 */
export class Incidents {
  constructor(private readonly client: DxhubClient) {}

  /**
   * Reports an incident on behalf of the caller's organisation.
   *
   * @example
   * ```ts
   * const incident = await hub.incidents.report({
   *   title: 'Phishing campaign', description: 'Emails imitating the tax portal', category: 'FRAUD',
   *   severity: 'MEDIUM', tlp: 'GREEN', detectedAt: '2025-07-01T08:30:00+07:00',
   *   indicators: [{ type: 'DOMAIN', value: 'thue-gov.example' }],
   * });
   * ```
   */
  async report(input: ReportIncidentInput, options: RequestOptions = {}): Promise<IncidentDetails> {
    const data = await this.client.request(ReportIncidentDocument, { input }, options);
    return required(data.reportIncident, 'reportIncident');
  }

  /**
   * Returns an incident, or null when it does not exist or its marking hides it from the caller.
   *
   * @example
   * ```ts
   * const incident = await hub.incidents.get('4f1c…');
   * ```
   */
  async get(id: string, options: RequestOptions = {}): Promise<IncidentDetails | null> {
    const data = await this.client.request(IncidentDocument, { id }, options);
    return data.incident;
  }

  /**
   * Iterates over the incidents the caller may read that match `filter`. Pass
   * `{ tlp: ['GREEN'] }` for those shared with the whole network.
   *
   * @example
   * ```ts
   * const shared = await collect(hub.incidents.list({ tlp: ['GREEN'], severity: ['HIGH', 'CRITICAL'] }));
   * ```
   */
  list(
    filter: IncidentFilter = {},
    options: IncidentListOptions = {},
  ): AsyncGenerator<IncidentSummary, void, undefined> {
    const { updatedSince, ...pageOptions } = options;
    const variables = { filter, ...(updatedSince ? { updatedSince } : {}) };
    return paginate(
      this.client,
      IncidentsDocument,
      variables,
      (data) => data.incidents,
      pageOptions,
    );
  }
}
