import type {
  AccessCase,
  AccessOutcome,
  AccessRole,
  AccessSuite,
  OrgSeed,
  RunOperation,
} from '@dxhub/kit/testing';
import type { TlpMarking } from './domain/tlp.js';

/*
 * The access matrix of every incidents query and mutation, run on the subgraph by this
 * package's tests and through the gateway by the gateway's. Records are created through
 * GraphQL only, by district 001 (`sameBody`), so the suite works wherever the org tree comes
 * from. It needs an organisation of kind INCIDENT_RESPONSE_TEAM in the tree, and expects the
 * runner to add `hub:admin` to the admin role's scopes and to pass the suite seed merged with
 * a case's per-role seed to `variables`.
 */

/**
 * The incident response team the suite's incidents are handled by. Runners that build the test
 * network through the directory's mutations create it under a ministry, as the directory requires.
 */
export const ACCESS_SUITE_ORGS: OrgSeed[] = [
  {
    code: 'doi-ung-cuu-su-co-thu-nghiem',
    level: 'CENTRAL',
    kind: 'INCIDENT_RESPONSE_TEAM',
    parentCode: 'bo-khoa-hoc-va-cong-nghe',
  },
];

const READ = ['incidents:read'];
const REPORT = ['incidents:read', 'incidents:report'];
const MANAGE = ['incidents:read', 'incidents:report', 'incidents:manage'];
const REPORTER = { org: '001', scopes: REPORT };

/** Shared by all incidents of the suite: visible wherever one of its incidents is. */
const SHARED_IPV4 = '203.0.113.9';
/** Reported only with the RED incident, which names province 79 (`otherBody`) as recipient. */
const RED_ONLY_IPV4 = '198.51.100.77';

type Outcomes = Record<Exclude<AccessRole, 'anonymous'>, AccessOutcome>;

/** Expected outcomes with `anonymous` always UNAUTHENTICATED. */
function withAnonymous(outcomes: Outcomes): Record<AccessRole, AccessOutcome> {
  return { anonymous: 'UNAUTHENTICATED', ...outcomes };
}

const everyone = (outcome: AccessOutcome): Record<AccessRole, AccessOutcome> =>
  withAnonymous({
    otherBody: outcome,
    sameBody: outcome,
    parentBody: outcome,
    coordinatingAgency: outcome,
    admin: outcome,
  });

/** Readers of an incident of each marking among the suite's roles; the other roles see nothing. */
const READERS: Record<TlpMarking, readonly AccessRole[]> = {
  CLEAR: ['otherBody', 'sameBody', 'parentBody', 'coordinatingAgency', 'admin'],
  GREEN: ['otherBody', 'sameBody', 'parentBody', 'coordinatingAgency', 'admin'],
  AMBER: ['sameBody', 'parentBody'],
  AMBER_STRICT: ['sameBody'],
  RED: ['sameBody', 'otherBody'],
};

function readOutcomes(
  marking: TlpMarking,
  whenHidden: AccessOutcome = 'EMPTY',
): Record<AccessRole, AccessOutcome> {
  const readers = READERS[marking];
  const outcome = (role: Exclude<AccessRole, 'anonymous'>): AccessOutcome =>
    readers.includes(role) ? 'ALLOWED' : whenHidden;
  return withAnonymous({
    otherBody: outcome('otherBody'),
    sameBody: outcome('sameBody'),
    parentBody: outcome('parentBody'),
    coordinatingAgency: outcome('coordinatingAgency'),
    admin: outcome('admin'),
  });
}

/**
 * Outcomes of a change by the reporter: the reporter may, other readers get FORBIDDEN and
 * organisations that cannot read the incident get NOT_FOUND.
 */
function changeOutcomes(marking: TlpMarking): Record<AccessRole, AccessOutcome> {
  const outcomes = readOutcomes(marking, 'NOT_FOUND');
  for (const role of READERS[marking]) if (role !== 'sameBody') outcomes[role] = 'FORBIDDEN';
  return outcomes;
}

const REPORT_INCIDENT = /* GraphQL */ `
  mutation AccessReport($input: ReportIncidentInput!) {
    reportIncident(input: $input) {
      id
      indicators {
        id
      }
    }
  }
`;

async function firstResponseTeam(run: RunOperation): Promise<string> {
  const result = await run('{ incidentResponseTeams { id } }', undefined, REPORTER);
  const teams = (result.data?.incidentResponseTeams ?? []) as { id: string }[];
  const team = teams[0];
  if (!team) {
    throw new Error(
      'incidents access suite: the org tree has no organisation of kind INCIDENT_RESPONSE_TEAM; add one to the test network',
    );
  }
  return team.id;
}

/** Reports an incident as district 001 and returns its id and the ids of its indicators. */
async function reportAs001(
  run: RunOperation,
  tlp: TlpMarking,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; indicatorIds: string[] }> {
  const input = {
    title: `Thử nghiệm quyền truy cập ${tlp}`,
    description: 'Sự cố an toàn thông tin mạng tạo cho ma trận quyền truy cập.',
    category: 'INTRUSION_ATTEMPTS',
    severity: 'MEDIUM',
    tlp,
    detectedAt: '2025-07-01T08:00:00+07:00',
    indicators: [{ type: 'IPV4', value: SHARED_IPV4 }],
    ...(tlp === 'RED' ? { recipients: [{ code: '79' }] } : {}),
    ...extra,
  };
  const result = await run(REPORT_INCIDENT, { input }, REPORTER);
  const created = result.data?.reportIncident as
    { id: string; indicators: { id: string }[] } | undefined;
  if (!created)
    throw new Error(
      `incidents access suite: reporting a ${tlp} incident failed: ${JSON.stringify(result.errors)}`,
    );
  return { id: created.id, indicatorIds: created.indicators.map((indicator) => indicator.id) };
}

function readCases(): AccessCase[] {
  const cases: AccessCase[] = [];
  for (const marking of ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const) {
    cases.push(
      {
        name: `incident (${marking})`,
        query: 'query AccessIncident($id: ID!) { incident(id: $id) { id title } }',
        variables: (seeded) => ({ id: seeded[marking] }),
        scopes: READ,
        expected: readOutcomes(marking),
        path: 'incident',
      },
      {
        name: `incidents (${marking})`,
        query: `query AccessIncidents { incidents(filter: { tlp: [${marking}] }) { totalCount nodes { id } } }`,
        scopes: READ,
        expected: readOutcomes(marking),
        path: 'incidents',
      },
      {
        name: `incidentStatistics (${marking})`,
        query: `query AccessStatistics { incidentStatistics(filter: { tlp: [${marking}] }) { total byStatus { status count } } }`,
        scopes: READ,
        expected: readOutcomes(marking),
        path: 'incidentStatistics.total',
      },
    );
  }
  return cases;
}

const indicatorCases: AccessCase[] = [
  {
    name: 'indicator (shared by every marking)',
    query: `query AccessIndicator { indicator(type: IPV4, value: "${SHARED_IPV4}") { value incidents { totalCount } } }`,
    scopes: READ,
    expected: readOutcomes('CLEAR'),
    path: 'indicator',
  },
  {
    name: 'indicator (RED incident only)',
    query: `query AccessRedIndicator { indicator(type: IPV4, value: "${RED_ONLY_IPV4}") { value incidents { totalCount } } }`,
    scopes: READ,
    expected: readOutcomes('RED'),
    path: 'indicator',
  },
  {
    name: 'indicators (RED incident only)',
    query: `query AccessIndicators { indicators(filter: { type: IPV4, values: ["${RED_ONLY_IPV4}"] }) { totalCount nodes { value } } }`,
    scopes: READ,
    expected: readOutcomes('RED'),
    path: 'indicators',
  },
  {
    name: 'incidentResponseTeams',
    query: 'query AccessTeams { incidentResponseTeams { id } }',
    scopes: READ,
    expected: everyone('ALLOWED'),
    path: 'incidentResponseTeams',
  },
  {
    name: 'incidents without incidents:read',
    query: 'query AccessNoScope { incidents { totalCount } }',
    scopes: ['incidents:report'],
    expected: everyone('FORBIDDEN'),
    path: 'incidents',
  },
];

/** Creates a mutation case on a fresh incident that district 001 reports before each role runs it. */
function changeCase(
  name: string,
  marking: TlpMarking,
  query: string,
  variables: (seeded: Record<string, unknown>) => Record<string, unknown>,
  options: {
    scopes?: string[];
    expected?: Record<AccessRole, AccessOutcome>;
    extra?: Record<string, unknown>;
  } = {},
): AccessCase {
  return {
    name,
    query,
    variables,
    scopes: options.scopes ?? REPORT,
    expected: options.expected ?? changeOutcomes(marking),
    path: query.match(/\{\s*(\w+)\(/)?.[1] ?? '',
    perRoleSeed: async (run) => {
      const teamId = await firstResponseTeam(run);
      const created = await reportAs001(run, marking, options.extra ?? {});
      return { teamId, incidentId: created.id, indicatorId: created.indicatorIds[0] };
    },
  };
}

const mutationCases: AccessCase[] = [
  {
    name: 'reportIncident',
    query:
      'mutation AccessReportIncident($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }',
    variables: () => ({
      input: {
        title: 'Dò quét cổng dịch vụ',
        description: 'Quét cổng từ một địa chỉ lạ.',
        category: 'INFORMATION_GATHERING',
        severity: 'LOW',
        tlp: 'GREEN',
        detectedAt: '2025-07-02T09:30:00+07:00',
      },
    }),
    scopes: REPORT,
    expected: everyone('ALLOWED'),
    path: 'reportIncident',
  },
  {
    name: 'reportIncident without incidents:report',
    query:
      'mutation AccessReportNoScope($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }',
    variables: () => ({
      input: {
        title: 'Dò quét cổng dịch vụ',
        description: '',
        category: 'INFORMATION_GATHERING',
        severity: 'LOW',
        tlp: 'GREEN',
        detectedAt: '2025-07-02T09:30:00+07:00',
      },
    }),
    scopes: READ,
    expected: everyone('FORBIDDEN'),
    path: 'reportIncident',
  },
  changeCase(
    'updateIncident',
    'AMBER',
    'mutation AccessUpdate($id: ID!) { updateIncident(id: $id, input: { title: "Đã cập nhật tiêu đề" }) { id } }',
    (seeded) => ({ id: seeded.incidentId }),
  ),
  changeCase(
    'changeIncidentSeverity',
    'AMBER',
    'mutation AccessSeverity($id: ID!) { changeIncidentSeverity(id: $id, severity: CRITICAL) { id } }',
    (seeded) => ({ id: seeded.incidentId }),
  ),
  changeCase(
    'changeIncidentMarking (raise to RED)',
    'AMBER',
    'mutation AccessRaise($id: ID!) { changeIncidentMarking(id: $id, tlp: RED, recipients: [{ code: "79" }]) { id } }',
    (seeded) => ({ id: seeded.incidentId }),
  ),
  changeCase(
    'changeIncidentMarking (lower without incidents:manage)',
    'GREEN',
    'mutation AccessLowerDenied($id: ID!) { changeIncidentMarking(id: $id, tlp: CLEAR) { id } }',
    (seeded) => ({ id: seeded.incidentId }),
    { expected: everyone('FORBIDDEN') },
  ),
  changeCase(
    'changeIncidentMarking (lower with incidents:manage)',
    'GREEN',
    'mutation AccessLower($id: ID!) { changeIncidentMarking(id: $id, tlp: CLEAR) { id } }',
    (seeded) => ({ id: seeded.incidentId }),
    { scopes: MANAGE },
  ),
  changeCase(
    'assignHandlingTeam',
    'GREEN',
    'mutation AccessAssign($id: ID!, $team: ID!) { assignHandlingTeam(id: $id, team: { id: $team }) { id } }',
    (seeded) => ({ id: seeded.incidentId, team: seeded.teamId }),
  ),
  changeCase(
    'transitionIncident',
    'AMBER',
    'mutation AccessTransition($id: ID!) { transitionIncident(id: $id, to: TRIAGED) { id } }',
    (seeded) => ({ id: seeded.incidentId }),
    { scopes: MANAGE },
  ),
  changeCase(
    'transitionIncident without incidents:manage',
    'AMBER',
    'mutation AccessTransitionNoScope($id: ID!) { transitionIncident(id: $id, to: TRIAGED) { id } }',
    (seeded) => ({ id: seeded.incidentId }),
    { expected: everyone('FORBIDDEN') },
  ),
  changeCase(
    'addIncidentIndicators',
    'AMBER_STRICT',
    'mutation AccessAddIndicators($id: ID!) { addIncidentIndicators(id: $id, indicators: [{ type: DOMAIN, value: "tên-miền-độc.vn" }]) { id } }',
    (seeded) => ({ id: seeded.incidentId }),
  ),
  changeCase(
    'removeIncidentIndicator',
    'RED',
    'mutation AccessRemoveIndicator($id: ID!, $indicator: ID!) { removeIncidentIndicator(id: $id, indicatorId: $indicator) { id } }',
    (seeded) => ({ id: seeded.incidentId, indicator: seeded.indicatorId }),
  ),
  changeCase(
    'addIncidentNote',
    'CLEAR',
    'mutation AccessNote($id: ID!) { addIncidentNote(id: $id, note: "Đã chặn địa chỉ trên tường lửa.") { id } }',
    (seeded) => ({ id: seeded.incidentId }),
  ),
];

/** The incidents subgraph's access matrix. */
export const accessSuite: AccessSuite = {
  subgraph: 'incidents',
  async seed(run) {
    const teamId = await firstResponseTeam(run);
    const seeded: Record<string, unknown> = { teamId };
    for (const marking of ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const) {
      const extra: Record<string, unknown> = marking.startsWith('AMBER')
        ? { handlingTeam: { id: teamId } }
        : {};
      if (marking === 'RED') {
        extra.indicators = [
          { type: 'IPV4', value: SHARED_IPV4 },
          { type: 'IPV4', value: RED_ONLY_IPV4 },
        ];
      }
      seeded[marking] = (await reportAs001(run, marking, extra)).id;
    }
    return seeded;
  },
  cases: [...readCases(), ...indicatorCases, ...mutationCases],
};
