import type { Context } from '../context.js';
import { surveyStatus } from '../data/surveys.js';
import type { QuestionRow, SurveyRow } from '../loaders.js';
import { ALL, DisclosurePlan, type GroupKey } from './disclosure.js';
import {
  participationCells,
  questionStats,
  type Dimension,
  type GroupedStats,
  type ParticipationCell,
  type QuestionStats,
  type ResultsFilter,
} from './query.js';

/** Why answers of a group are not shown. */
export type WithheldReason = 'SURVEY_NOT_CLOSED' | 'TOO_FEW_RESPONSES' | 'PROTECTS_OTHER_GROUP';

/** Participation of a group of the audience. */
export interface Participation {
  provinceId: string | null;
  provinceCode: string | null;
  level: string | null;
  audienceSize: number;
  respondedCount: number;
  responseCount: number;
  responseRate: number;
}

/** One question's results over a group, or `suppressed` when the group may not show answers. */
export interface QuestionGroupResult {
  question: QuestionRow;
  provinceId: string | null;
  provinceCode: string | null;
  level: string | null;
  responseCount: number;
  suppressed: boolean;
  withheldReason: WithheldReason | null;
  answered: number | null;
  skipped: number | null;
  options: { value: string; label: string; count: number; share: number }[] | null;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  earliest: string | null;
  latest: string | null;
}

function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function sumCells(
  cells: ParticipationCell[],
  key: Pick<Participation, 'provinceId' | 'provinceCode' | 'level'>,
): Participation {
  const audienceSize = cells.reduce((sum, c) => sum + c.audience, 0);
  const respondedCount = cells.reduce((sum, c) => sum + c.responded, 0);
  const responseCount = cells.reduce((sum, c) => sum + c.responses, 0);
  return {
    ...key,
    audienceSize,
    respondedCount,
    responseCount,
    responseRate: rate(respondedCount, audienceSize),
  };
}

/** Option or scale-point counts of a question, in the question's order, with shares of those who answered. */
function optionCounts(
  question: QuestionRow,
  stats: QuestionStats | undefined,
): QuestionGroupResult['options'] {
  const answered = stats?.answered ?? 0;
  const count = (value: string) => stats?.counts.get(value) ?? 0;
  if (question.options) {
    return question.options.map((o) => ({
      value: o.value,
      label: o.label,
      count: count(o.value),
      share: rate(count(o.value), answered),
    }));
  }
  if (question.type === 'SCALE' && question.minValue !== null && question.maxValue !== null) {
    const points: QuestionGroupResult['options'] = [];
    for (let point = question.minValue; point <= question.maxValue; point += 1) {
      const value = String(point);
      points.push({
        value,
        label: value,
        count: count(value),
        share: rate(count(value), answered),
      });
    }
    return points;
  }
  return null;
}

/**
 * The results of one survey as one caller may see them: participation from one statement,
 * answers from two more per breakdown asked for, all computed on first use and shared by the
 * GraphQL fields that read them.
 */
export class SurveyResultsView {
  private cellsLoad: Promise<ParticipationCell[]> | undefined;
  private planLoad: Promise<DisclosurePlan | null> | undefined;
  private readonly statsLoads = new Map<string, Promise<GroupedStats>>();

  constructor(
    private readonly ctx: Context,
    readonly survey: SurveyRow,
    readonly questions: QuestionRow[],
    readonly filter: ResultsFilter,
  ) {}

  /** Loads every cell of the caller's part of the audience, unfiltered. */
  cells(): Promise<ParticipationCell[]> {
    this.cellsLoad ??= participationCells(this.ctx, this.survey.id);
    return this.cellsLoad;
  }

  private matches(cell: ParticipationCell): boolean {
    return (
      (!this.filter.provinceCode || cell.provinceCode === this.filter.provinceCode) &&
      (!this.filter.level || cell.level === this.filter.level)
    );
  }

  async filteredCells(): Promise<ParticipationCell[]> {
    return (await this.cells()).filter((cell) => this.matches(cell));
  }

  async totals(): Promise<Participation> {
    return sumCells(await this.filteredCells(), {
      provinceId: null,
      provinceCode: null,
      level: null,
    });
  }

  /** Participation per group of a dimension, within the filter. */
  async participationBy(dimension: Dimension): Promise<Participation[]> {
    const groups = new Map<string, ParticipationCell[]>();
    for (const cell of await this.filteredCells()) {
      const key = dimension === 'PROVINCE' ? (cell.provinceCode ?? '') : cell.level;
      groups.set(key, [...(groups.get(key) ?? []), cell]);
    }
    return [...groups.values()].map((cells) => {
      const first = cells[0] as ParticipationCell;
      return sumCells(
        cells,
        dimension === 'PROVINCE'
          ? { provinceId: first.provinceId, provinceCode: first.provinceCode, level: null }
          : { provinceId: null, provinceCode: null, level: first.level },
      );
    });
  }

  /** Disclosure control for anonymous surveys; null for named ones, which show every group. */
  private plan(): Promise<DisclosurePlan | null> {
    this.planLoad ??= this.cells().then((cells) =>
      this.survey.anonymous
        ? new DisclosurePlan(
            cells.map((c) => ({
              province: c.provinceCode ?? '',
              level: c.level,
              responses: c.responses,
            })),
            this.survey.anonymityThreshold,
          )
        : null,
    );
    return this.planLoad;
  }

  /** Why the answers of a group are withheld, or null when they may be shown. */
  async withheldReason(group: GroupKey): Promise<WithheldReason | null> {
    if (!this.survey.anonymous) return null;
    if (surveyStatus(this.survey) !== 'CLOSED') return 'SURVEY_NOT_CLOSED';
    const plan = (await this.plan()) as DisclosurePlan;
    if (plan.isReleased(group)) return null;
    return plan.isTooSmall(group) ? 'TOO_FEW_RESPONSES' : 'PROTECTS_OTHER_GROUP';
  }

  /** Returns the group the filter selects. */
  filterGroup(): GroupKey {
    return { province: this.filter.provinceCode ?? ALL, level: this.filter.level ?? ALL };
  }

  private stats(dimension: Dimension | null): Promise<GroupedStats> {
    const key = dimension ?? '';
    let load = this.statsLoads.get(key);
    if (!load)
      this.statsLoads.set(
        key,
        (load = questionStats(this.ctx, this.survey.id, this.filter, dimension)),
      );
    return load;
  }

  private groupResult(
    question: QuestionRow,
    stats: QuestionStats | undefined,
    participation: Participation,
    reason: WithheldReason | null,
  ): QuestionGroupResult {
    const base = {
      question,
      provinceId: participation.provinceId,
      provinceCode: participation.provinceCode,
      level: participation.level,
      responseCount: participation.responseCount,
    };
    if (reason) {
      return {
        ...base,
        suppressed: true,
        withheldReason: reason,
        answered: null,
        skipped: null,
        options: null,
        mean: null,
        median: null,
        min: null,
        max: null,
        earliest: null,
        latest: null,
      };
    }
    const answered = stats?.answered ?? 0;
    return {
      ...base,
      suppressed: false,
      withheldReason: null,
      answered,
      skipped: participation.responseCount - answered,
      options: optionCounts(question, stats),
      mean: stats?.mean ?? null,
      median: stats?.median ?? null,
      min: stats?.min ?? null,
      max: stats?.max ?? null,
      earliest: stats?.earliest ?? null,
      latest: stats?.latest ?? null,
    };
  }

  /** Computes each question's results over the filtered group, or null when the group's answers are withheld. */
  async questionResults(): Promise<QuestionGroupResult[] | null> {
    // Answers are read while participation is counted, unless an anonymous survey is still
    // open, when they will not be shown anyway.
    const statsLoad =
      this.survey.anonymous && surveyStatus(this.survey) !== 'CLOSED' ? null : this.stats(null);
    const reason = await this.withheldReason(this.filterGroup());
    if (reason || !statsLoad) return null;
    const [totals, stats] = await Promise.all([this.totals(), statsLoad]);
    const byQuestion = stats.get('') ?? new Map<string, QuestionStats>();
    return this.questions.map((question) =>
      this.groupResult(question, byQuestion.get(question.id), totals, null),
    );
  }

  /** Computes one question's results per group of a dimension, suppressing groups that may not show answers. */
  async breakdown(question: QuestionRow, dimension: Dimension): Promise<QuestionGroupResult[]> {
    const groups = await this.participationBy(dimension);
    const filterGroup = this.filterGroup();
    const grouped = groups.some((g) => g.responseCount > 0)
      ? await this.stats(dimension)
      : new Map();
    const results: QuestionGroupResult[] = [];
    for (const participation of groups) {
      const group: GroupKey =
        dimension === 'PROVINCE'
          ? { province: participation.provinceCode ?? '', level: filterGroup.level }
          : { province: filterGroup.province, level: participation.level ?? '' };
      const key =
        dimension === 'PROVINCE' ? (participation.provinceCode ?? '') : (participation.level ?? '');
      const reason = await this.withheldReason(group);
      results.push(
        this.groupResult(question, grouped.get(key)?.get(question.id), participation, reason),
      );
    }
    return results;
  }
}
