import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Position } from '@app/event-store';
import { RequestValidationError } from '@app/platform';
import {
  InvalidReportQueryError,
  READ_SIDE,
  REPORTING_PROJECTION,
  type ReadSide,
  type ReportAnswer,
  type ReportQuery,
} from '../ports';
import { FreshRead } from './fresh-read';

export class GetReportQuery extends Query<ReportAnswer> {
  constructor(
    readonly report: ReportQuery,
    readonly minPosition?: Position,
  ) {
    super();
  }
}

@QueryHandler(GetReportQuery)
export class GetReportHandler implements IQueryHandler<GetReportQuery> {
  constructor(
    @Inject(READ_SIDE) private readonly readSide: ReadSide,
    private readonly fresh: FreshRead,
  ) {}

  async execute(query: GetReportQuery): Promise<ReportAnswer> {
    await this.fresh.atLeast(REPORTING_PROJECTION, query.minPosition);
    try {
      return await this.readSide.reporting.cancellationReport(query.report);
    } catch (error) {
      if (error instanceof InvalidReportQueryError) {
        throw new RequestValidationError([{ field: error.field, message: error.message }]);
      }
      throw error;
    }
  }
}
