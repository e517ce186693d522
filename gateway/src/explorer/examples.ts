/** One example operation opened as a tab in the explorer. */
export interface ExampleOperation {
  /** Tab title, in Vietnamese then English. */
  title: string;
  /** Scopes the token needs for this example. */
  scopes: string[];
  query: string;
  variables?: Record<string, unknown>;
}

/**
 * A first operation for each subgraph, so a new user sees the shape of the graph. They read only,
 * and each names the scopes its token needs in a comment. Keep them valid against
 * `schema/api.graphql`: `tests/ops/gateway.test.ts` runs every one of them.
 */
export const EXAMPLE_OPERATIONS: ExampleOperation[] = [
  {
    title: 'Mạng lưới / Network',
    scopes: ['network:read'],
    query: `# Mạng lưới chuyển đổi số: các cơ quan trung ương.
# Digital-transformation network: central bodies.
# Cần quyền / needs scope: network:read
query CentralBodiesExample {
  organizations(filter: { level: CENTRAL }, first: 10) {
    totalCount
    nodes { code name level kind }
  }
}
`,
  },
  {
    title: 'Biên chế / Staffing',
    scopes: ['staffing:read'],
    query: `# Khóa bồi dưỡng, tập huấn của các đơn vị.
# Training courses offered by units.
# Cần quyền / needs scope: staffing:read
query CoursesExample {
  courses(first: 10) {
    totalCount
    nodes { title topic hours mode owner { code name } }
  }
}
`,
  },
  {
    title: 'Dự án / Projects',
    scopes: ['projects:read'],
    query: `# Dự án, đề án chuyển đổi số và kinh phí (đồng).
# Digital-transformation projects and their budgets in VND.
# Cần quyền / needs scope: projects:read
query ProjectsExample {
  projects(first: 10) {
    totalCount
    nodes { code name budget owner { code name } }
  }
}
`,
  },
  {
    title: 'Khảo sát / Surveys',
    scopes: ['surveys:read'],
    query: `# Khảo sát mà đơn vị được xem, mới nhất trước.
# Surveys the caller may see, newest first.
# Cần quyền / needs scope: surveys:read
query SurveysExample {
  surveys(first: 10) {
    totalCount
    nodes { id title owner { code name } }
  }
}
`,
  },
  {
    title: 'Sự cố / Incidents',
    scopes: ['incidents:read'],
    query: `# Sự cố an toàn thông tin mạng chia sẻ theo TLP.
# Cybersecurity incidents shared under TLP.
# Cần quyền / needs scope: incidents:read
query IncidentsExample {
  incidents(first: 10) {
    totalCount
    nodes { id title severity tlp status detectedAt }
  }
}
`,
  },
];
