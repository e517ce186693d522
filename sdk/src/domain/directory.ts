import type { DxhubClient } from '../client.js';
import {
  CreateOrganizationDocument,
  CreatePersonDocument,
  OrganizationDocument,
  OrganizationsDocument,
  type CreateOrganizationInput,
  type CreatePersonInput,
  type CreatePersonMutation,
  type OrganizationFilter,
  type OrganizationSummaryFragment,
} from '../generated/graphql.js';
import type { RequestOptions } from '../options.js';
import { paginate, type PaginateOptions } from '../pagination.js';
import { required } from './shared.js';

/**
 * A unit of the network as the directory returns it.
 *
 * @example
 * ```ts
 * const hanoi: OrganizationSummary | null = await hub.directory.organization('01');
 * ```
 */
export type OrganizationSummary = OrganizationSummaryFragment;

/**
 * A person just added to the network.
 *
 * @example
 * ```ts
 * const person: CreatedPerson = await hub.directory.createPerson({ fullName: 'Nguyễn Văn An', organizationId });
 * ```
 */
export type CreatedPerson = CreatePersonMutation['createPerson'] & object;

/**
 * Look-ups and search in the network directory. Reads need the `network:read` scope, changes
 * `network:write`.
 *
 * @example
 * ```ts
 * for await (const commune of hub.directory.search({ ancestorCode: '01', level: 'COMMUNE' })) {
 *   console.log(commune.code, commune.name);
 * }
 * ```
 */
export class Directory {
  constructor(private readonly client: DxhubClient) {}

  /**
   * Returns the unit that carries `code` on `asOf` (default today), or null.
   *
   * @example
   * ```ts
   * const ministry = await hub.directory.organization('bo-khoa-hoc-va-cong-nghe', { asOf: '2025-03-01' });
   * ```
   */
  async organization(
    code: string,
    options: RequestOptions & { asOf?: string } = {},
  ): Promise<OrganizationSummary | null> {
    const { asOf, ...requestOptions } = options;
    const data = await this.client.request(
      OrganizationDocument,
      { code, ...(asOf ? { asOf } : {}) },
      requestOptions,
    );
    return data.organization;
  }

  /**
   * Iterates over the units matching `filter`: by level, kind, parent, ancestor or name text,
   * where case and diacritics do not matter ("ha noi" finds "Hà Nội").
   *
   * @example
   * ```ts
   * const matches = await collect(hub.directory.search({ search: 'ha noi' }, { maxItems: 10 }));
   * ```
   */
  search(
    filter: OrganizationFilter = {},
    options: PaginateOptions = {},
  ): AsyncGenerator<OrganizationSummary, void, undefined> {
    return paginate(
      this.client,
      OrganizationsDocument,
      { filter },
      (data) => data.organizations,
      options,
    );
  }

  /**
   * Adds a department, IT unit, district office, community team or enterprise to the network.
   *
   * @example
   * ```ts
   * const itUnit = await hub.directory.createOrganization({
   *   code: 'trung-tam-cntt-bo-tai-chinh', name: 'Trung tâm Công nghệ thông tin', kind: 'IT_UNIT', parentId: ministry.id,
   * });
   * ```
   */
  async createOrganization(
    input: CreateOrganizationInput,
    options: RequestOptions = {},
  ): Promise<OrganizationSummary> {
    const data = await this.client.request(CreateOrganizationDocument, { input }, options);
    return required(data.createOrganization, 'createOrganization');
  }

  /**
   * Adds a person to the network. Contact fields are personal data under Decree 13/2023/NĐ-CP.
   *
   * @example
   * ```ts
   * const person = await hub.directory.createPerson({ fullName: 'Trần Thị Bình', organizationId: itUnit.id });
   * ```
   */
  async createPerson(
    input: CreatePersonInput,
    options: RequestOptions = {},
  ): Promise<CreatedPerson> {
    const data = await this.client.request(CreatePersonDocument, { input }, options);
    return required(data.createPerson, 'createPerson');
  }
}
