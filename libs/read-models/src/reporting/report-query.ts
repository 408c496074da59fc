import type { SqlExecutor } from '@app/event-store/sql';
import { CANCELLATION_REASONS } from '@app/domain';
import { readActive } from '../runner';
import { reportSetAside } from '../set-aside';
import { LOCAL_DAY, validateReportPeriod } from './report-bounds';
import { emptyFigures, figuresByKey } from './report-figures';
import {
  InvalidReportQueryError,
  REPORTING_PROJECTION,
  type ReasonGroup,
  type ReportAnswer,
  type ReportQuery,
} from '@app/application/ports';
import { REPORTING_TABLE } from './reporting-projection';

const GROUP_KEYS = { professional: 'professional_id', day: LOCAL_DAY } as const;

/**
 * The cancellation report (docs/product.md "Read models"), aggregated at query time from the facts per
 * session. groupBy=reason lists all four reasons, zeros included, so its shape never varies;
 * professional and day list the keys that have sessions in the period, in key order.
 */
export async function cancellationReport(
  db: SqlExecutor,
  query: ReportQuery,
): Promise<ReportAnswer> {
  const tz = validateReportPeriod(query.from, query.to, query.tz);
  const read = await readReport(db, query, tz);
  return {
    from: query.from,
    to: query.to,
    tz,
    position: read.position,
    setAside: await reportSetAside(db, REPORTING_PROJECTION, { ...query, tz }),
    totals: read.result.totals ?? emptyFigures(),
    groups: read.result.groups,
  };
}

/** A zone Intl knows but PostgreSQL's tz database does not is still the caller's mistake. */
const isUnknownZone = (error: unknown): boolean =>
  error instanceof Error &&
  (error as { code?: unknown }).code === '22023' &&
  /time zone/i.test(error.message);

async function readReport(db: SqlExecutor, query: ReportQuery, tz: string) {
  try {
    return await readFigures(db, query, tz);
  } catch (error) {
    if (isUnknownZone(error)) {
      throw new InvalidReportQueryError('tz', `tz is not a time zone the database knows: ${tz}`);
    }
    throw error;
  }
}

function readFigures(db: SqlExecutor, query: ReportQuery, tz: string) {
  return readActive(db, REPORTING_PROJECTION, async (names) => {
    const base = {
      table: names(REPORTING_TABLE),
      from: query.from,
      to: query.to,
      tz,
      professionalId: query.professionalId,
    };
    const totals = (await figuresByKey(db, { ...base, keyExpression: `''` })).get('')?.figures;
    if (query.groupBy === undefined) return { totals, groups: [] };
    if (query.groupBy === 'reason') {
      const byReason = await figuresByKey(db, {
        ...base,
        keyExpression: 'reason',
        cancelledOnly: true,
      });
      const groups: ReasonGroup[] = CANCELLATION_REASONS.map((reason) => {
        const found = byReason.get(reason);
        const figures = found?.figures ?? emptyFigures();
        return {
          key: reason,
          cancellations: figures.cancellations,
          late: found?.lateAny ?? 0,
          charged: figures.charged,
          creditsCharged: figures.creditsCharged,
          notificationShare: figures.notificationShare,
        };
      });
      return { totals, groups };
    }
    const keyed = await figuresByKey(db, { ...base, keyExpression: GROUP_KEYS[query.groupBy] });
    return {
      totals,
      // Sorted here, not in SQL, so both stores order alike whatever their collation.
      groups: [...keyed.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, value]) => ({ key, ...value.figures })),
    };
  });
}
