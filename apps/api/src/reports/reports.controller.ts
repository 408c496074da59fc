import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { GetReportQuery, type ReportAnswer } from '@app/application';
import { type Caller, CurrentCaller } from '@app/platform';
import { SelfOnly } from '../http';
import { ApiContract, GET_CANCELLATION_REPORT } from '../openapi';
import { ReportQueryDto } from './report-query.dto';

@ApiTags('reports')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('cancellations')
  @SelfOnly('query')
  @ApiContract(GET_CANCELLATION_REPORT)
  report(@Query() query: ReportQueryDto, @CurrentCaller() caller: Caller): Promise<ReportAnswer> {
    // A professional's figures are their own, whatever they asked (another id: 403 by SelfOnly).
    const professionalId = caller.role === 'professional' ? caller.sub : query.professionalId;
    return this.queries.execute(
      new GetReportQuery(
        {
          from: query.from,
          to: query.to,
          ...(query.tz === undefined ? {} : { tz: query.tz }),
          ...(professionalId === undefined ? {} : { professionalId }),
          ...(query.groupBy === undefined ? {} : { groupBy: query.groupBy }),
        },
        query.minPosition,
      ),
    );
  }
}
