// Generated domain data for the gateway benchmarks, written with bulk SQL straight into each
// subgraph's own tables. The mutations would need about 100,000 requests per table, far more
// than the ten minutes the whole benchmark may take. So the rows go into the tables the
// mutations write to. Where a row trigger would take minutes, the triggers are off for that
// transaction and the rows they would write are written beside them. Enterprises go through
// `network.organizations`, whose statement trigger keeps `network.org_tree`.
import type { Sql, TransactionSql } from 'postgres';
import { searchKey, shortSearchKey } from '@dxhub/network';

/** Rows inserted per statement; a statement's parameters stay well under PostgreSQL's 65,535. */
const BATCH_ROWS = 2000;

/** The day every generated record counts from, so the data and the expected bodies are stable. */
const BASE_DATE = '2024-06-01';

/** Counts of what {@link generateDomainData} wrote, per table. */
export type GeneratedCounts = Record<string, number>;

interface Unit {
  id: string;
  code: string;
  level: string;
  kind: string;
  provinceName: string;
}

/** Mulberry32: a small seeded generator, so two runs with the same row count write the same data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

type Row = Record<string, string | number | Date | null>;

async function insertInBatches(
  sql: Sql | TransactionSql,
  table: string,
  rows: Row[],
  columns: string[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    await sql`insert into ${sql(table)} ${sql(batch, columns)}`;
  }
}

/** Reads the imported units with the name of the province each belongs to. */
async function loadUnits(sql: Sql): Promise<Unit[]> {
  return sql<Unit[]>`
    select t.id, t.code, t.level, t.kind,
           coalesce(p.name, o.name) as "provinceName"
    from network.org_tree t
    join network.organizations o on o.id = t.id
    left join network.organizations p
      on p.level = 'PROVINCE' and (p.id = t.id or p.id = any(t.ancestor_ids))
    where t.level in ('CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE') and t.valid_to is null
    order by t.level, t.code`;
}

const SECTORS = [
  'Công nghệ',
  'Giải pháp số',
  'Viễn thông',
  'Dữ liệu',
  'Phần mềm',
  'An ninh mạng',
  'Chuyển đổi số',
];
const COMPANY_FORMS = ['Công ty Cổ phần', 'Công ty TNHH', 'Công ty TNHH MTV', 'Tập đoàn'];

/**
 * Writes `count` enterprises (level ENTERPRISE) named after a sector and a province, such as
 * "Công ty TNHH Dữ liệu Hà Nội 12"; their codes are ten-digit tax codes starting at 0100000000.
 */
async function generateEnterprises(
  sql: Sql,
  units: Unit[],
  count: number,
  random: () => number,
): Promise<string[]> {
  const provinces = units.filter((unit) => unit.level === 'PROVINCE');
  const rows: Row[] = [];
  for (let index = 0; index < count; index += 1) {
    const province = pick(random, provinces).provinceName.replace(/^(Thành phố|Tỉnh)\s+/u, '');
    const name = `${pick(random, COMPANY_FORMS)} ${pick(random, SECTORS)} ${province} ${index + 1}`;
    rows.push({
      code: String(100_000_000 + index).padStart(10, '0'),
      name,
      kind: 'ENTERPRISE',
      level: 'ENTERPRISE',
      valid_from: '2024-01-01',
      source: 'DIRECTORY',
      search_key: searchKey(name),
      search_key_short: shortSearchKey(name),
    });
  }
  await insertInBatches(sql, 'network.organizations', rows, [
    'code',
    'name',
    'kind',
    'level',
    'valid_from',
    'source',
    'search_key',
    'search_key_short',
  ]);
  const ids = await sql<
    { id: string }[]
  >`select id from network.organizations where level = 'ENTERPRISE' order by code`;
  return ids.map((row) => row.id);
}

/**
 * Writes `count` allocation decisions, one per unit and year: 2024 for every province and
 * district first, then the communes, then the years around it. Each also gets the
 * `allocations` row and the DECISION ledger entry that the staffing trigger would write for a
 * first decision. They are written set-based with triggers off, because the row trigger
 * takes minutes for 100,000 decisions.
 */
async function generateHeadcounts(
  sql: Sql,
  units: Unit[],
  count: number,
  random: () => number,
): Promise<void> {
  const order = ['PROVINCE', 'DISTRICT', 'COMMUNE', 'CENTRAL'];
  const ranked = [...units].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
  const years = [2024, 2023, 2025, 2022, 2021, 2020, 2019, 2018, 2017, 2016, 2015];
  const rows: Row[] = [];
  outer: for (const year of years) {
    for (const unit of ranked) {
      if (rows.length >= count) break outer;
      const allocated =
        unit.level === 'PROVINCE'
          ? 200 + Math.floor(random() * 800)
          : 10 + Math.floor(random() * 90);
      rows.push({
        org_id: unit.id,
        year,
        posts_allocated: allocated,
        posts_filled: Math.floor(allocated * (0.7 + random() * 0.3)),
        decision_number: `${1 + Math.floor(random() * 900)}/QĐ-UBND`,
        decision_date: `${year - 1}-12-${String(10 + Math.floor(random() * 18)).padStart(2, '0')}`,
      });
    }
  }
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await insertInBatches(tx, 'staffing.allocation_decisions', rows, [
      'org_id',
      'year',
      'posts_allocated',
      'posts_filled',
      'decision_number',
      'decision_date',
    ]);
    await tx`
      insert into staffing.allocations (org_id, year, posts_allocated, posts_filled, decision_id)
      select org_id, year, posts_allocated, posts_filled, id from staffing.allocation_decisions`;
    await tx`
      insert into staffing.headcount_changes (org_id, year, kind, posts_allocated_change, posts_filled_change,
          posts_allocated_after, posts_filled_after, decision_id, decision_number, decision_date)
      select org_id, year, 'DECISION', posts_allocated, posts_filled, posts_allocated, posts_filled, id,
          decision_number, decision_date
      from staffing.allocation_decisions`;
  });
}

const PROJECT_TOPICS = [
  'Xây dựng kho dữ liệu dùng chung',
  'Nâng cấp cổng dịch vụ công trực tuyến',
  'Triển khai nền tảng họp trực tuyến',
  'Số hóa hồ sơ hộ tịch',
  'Giám sát an toàn thông tin mạng',
  'Đào tạo kỹ năng số cho cán bộ',
  'Trợ lý ảo hỗ trợ người dân',
  'Kết nối hệ thống quản lý văn bản',
];
const PLATFORMS = [
  'TRAINING',
  'COMMUNICATION',
  'PROJECT_MANAGEMENT',
  'SURVEYS',
  'MONITORING',
  'DATA_SHARING',
  'KNOWLEDGE_MANAGEMENT',
  'VIRTUAL_ASSISTANT',
  'CYBERSECURITY',
  'OTHER',
];
const FUNDING = [
  'STATE_BUDGET_REGULAR',
  'STATE_BUDGET_INVESTMENT',
  'SOCIAL_MOBILISATION',
  'ODA',
  'OTHER',
];
const AGENCY = 'cuc-chuyen-doi-so-quoc-gia';

/** Picks a project status from a uniform number: 30% PROPOSED, 35% APPROVED, 35% IN_PROGRESS. */
function projectStatus(uniform: number): string {
  if (uniform < 0.3) return 'PROPOSED';
  if (uniform < 0.65) return 'APPROVED';
  return 'IN_PROGRESS';
}

/** Picks a TLP marking from a uniform number: 35% CLEAR, 50% GREEN, 15% AMBER. */
function tlpMarking(uniform: number): string {
  if (uniform < 0.35) return 'CLEAR';
  if (uniform < 0.85) return 'GREEN';
  return 'AMBER';
}

/**
 * Writes `count` projects owned by random units, a third delivered by an enterprise: 30%
 * PROPOSED, 35% APPROVED and 35% IN_PROGRESS, each with the `status_changes` rows that lead
 * there. The status-change trigger updates one project per history row, which takes minutes
 * for 100,000 projects, so with triggers off the projects are written in their final status
 * and the history rows set-based beside them, to the same effect.
 */
async function generateProjects(
  sql: Sql,
  units: Unit[],
  enterprises: string[],
  count: number,
  random: () => number,
): Promise<void> {
  const rows: Row[] = [];
  for (let index = 0; index < count; index += 1) {
    const owner = pick(random, units);
    const year = 2022 + Math.floor(random() * 4);
    const start = addDays(`${year}-01-01`, Math.floor(random() * 300));
    const outsourced = random() < 0.35 && enterprises.length > 0;
    const status = projectStatus(random());
    rows.push({
      code: `DA-CDS-${year}-${String(index + 1).padStart(6, '0')}`,
      name: `${pick(random, PROJECT_TOPICS)} ${owner.provinceName}`,
      description: 'Dự án thuộc kế hoạch chuyển đổi số giai đoạn 2021-2025.',
      owner_org_id: owner.id,
      platform: pick(random, PLATFORMS),
      delivery_mode: outsourced
        ? 'OUTSOURCED_SERVICE'
        : random() < 0.85
          ? 'IN_HOUSE'
          : 'SOCIAL_MOBILISATION',
      contractor_org_id: outsourced ? pick(random, enterprises) : null,
      funding_source: pick(random, FUNDING),
      budget: String((50 + Math.floor(random() * 5000)) * 1_000_000),
      status,
      planned_start_on: start,
      planned_end_on: addDays(start, 180 + Math.floor(random() * 900)),
      actual_start_on: status === 'IN_PROGRESS' ? start : null,
    });
  }
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await insertInBatches(tx, 'projects.projects', rows, [
      'code',
      'name',
      'description',
      'owner_org_id',
      'platform',
      'delivery_mode',
      'contractor_org_id',
      'funding_source',
      'budget',
      'status',
      'planned_start_on',
      'planned_end_on',
      'actual_start_on',
    ]);
    await tx`
      insert into projects.status_changes (project_id, from_status, to_status, reason, effective_on, actor_subject, actor_org_code)
      select p.id, step.from_status, step.to_status, step.reason, p.planned_start_on + step.offset_days, 'bench-generator', ${AGENCY}
      from projects.projects p
      cross join (values
        (1, null, 'PROPOSED', null, -60),
        (2, 'PROPOSED', 'APPROVED', 'Phê duyệt chủ trương', -30),
        (3, 'APPROVED', 'IN_PROGRESS', 'Khởi công', 0)
      ) as step(position, from_status, to_status, reason, offset_days)
      where step.position <= case p.status when 'PROPOSED' then 1 when 'APPROVED' then 2 else 3 end
      order by p.id, step.position`;
  });
}

const INCIDENT_TITLES = [
  'Dò quét cổng dịch vụ từ địa chỉ lạ',
  'Thư lừa đảo giả mạo cơ quan thuế',
  'Mã độc mã hóa dữ liệu trên máy trạm',
  'Tấn công từ chối dịch vụ vào cổng thông tin',
  'Lộ lọt tài khoản quản trị',
  'Lỗ hổng chưa vá trên máy chủ thư điện tử',
];
const CATEGORIES = [
  'ABUSIVE_CONTENT',
  'MALICIOUS_CODE',
  'INFORMATION_GATHERING',
  'INTRUSION_ATTEMPTS',
  'INTRUSIONS',
  'AVAILABILITY',
  'INFORMATION_CONTENT_SECURITY',
  'FRAUD',
  'VULNERABLE',
  'OTHER',
];
const SEVERITIES = ['LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'CRITICAL'];

/**
 * Writes `count` incidents reported by random units, a third of them triaged, with their
 * timeline entries. Markings are CLEAR, GREEN and AMBER; the benchmark's caller, the
 * coordinating agency, reads CLEAR and GREEN ones only, as TLP 2.0 defines them. Triggers are off
 * while the final statuses are written, as for projects, and the timeline records each step.
 */
async function generateIncidents(
  sql: Sql,
  units: Unit[],
  count: number,
  random: () => number,
): Promise<void> {
  const base = Date.parse(`${BASE_DATE}T00:00:00Z`);
  const rows: Row[] = [];
  for (let index = 0; index < count; index += 1) {
    const reporter = pick(random, units);
    const detected = base - Math.floor(random() * 365 * 86_400_000);
    rows.push({
      reporter_org_id: reporter.id,
      title: `${pick(random, INCIDENT_TITLES)} (${reporter.provinceName})`,
      description: 'Phát hiện qua hệ thống giám sát; đã cô lập máy bị ảnh hưởng.',
      category: pick(random, CATEGORIES),
      severity: pick(random, SEVERITIES),
      tlp: tlpMarking(random()),
      status: random() < 0.33 ? 'TRIAGED' : 'REPORTED',
      detected_at: new Date(detected),
      reported_at: new Date(detected + Math.floor(random() * 86_400_000)),
    });
  }
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await insertInBatches(tx, 'incidents.incidents', rows, [
      'reporter_org_id',
      'title',
      'description',
      'category',
      'severity',
      'tlp',
      'status',
      'detected_at',
      'reported_at',
    ]);
    await tx`
      insert into incidents.timeline_entries (incident_id, at, kind, actor, actor_org_id, from_value, to_value)
      select id, reported_at, 'REPORTED', 'bench-generator', reporter_org_id, null, 'REPORTED' from incidents.incidents
      union all
      select id, reported_at + interval '2 hours', 'STATUS_CHANGED', 'bench-generator', reporter_org_id, 'REPORTED', 'TRIAGED'
      from incidents.incidents where status = 'TRIAGED'`;
  });
}

/**
 * Fills a database that has the official units with `rows` generated rows in each of the
 * network's enterprises, staffing allocations, projects and incidents. Returns the row count of
 * each table and the seconds each step took.
 */
export async function generateDomainData(
  sql: Sql,
  rows: number,
): Promise<{ counts: GeneratedCounts; seconds: Record<string, number> }> {
  const random = seededRandom(rows);
  const units = await loadUnits(sql);
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    seconds[step] = (performance.now() - started) / 1000;
    return result;
  };
  const seconds: Record<string, number> = {};
  const enterprises = await timed('enterprises', () =>
    generateEnterprises(sql, units, rows, random),
  );
  await timed('headcounts', () => generateHeadcounts(sql, units, rows, random));
  await timed('projects', () => generateProjects(sql, units, enterprises, rows, random));
  await timed('incidents', () => generateIncidents(sql, units, rows, random));
  // VACUUM sets the hint bits and the visibility map of every loaded row now. Otherwise the
  // first reads of each page during the measured runs would write them, and the rounds that
  // come first would pay for it.
  await timed('vacuum', () => sql`vacuum (analyze)`);

  const counts: GeneratedCounts = {};
  for (const table of [
    'network.organizations',
    'staffing.allocations',
    'projects.projects',
    'projects.status_changes',
    'incidents.incidents',
    'incidents.timeline_entries',
  ]) {
    const [row] = await sql<{ count: string }[]>`select count(*)::text as count from ${sql(table)}`;
    counts[table] = Number(row?.count ?? 0);
  }
  return { counts, seconds };
}
