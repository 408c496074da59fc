import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { GetCalendarQuery, type CalendarAnswer } from '@app/application';
import { type Caller, CurrentCaller, RequestValidationError } from '@app/platform';
import { actorOf, assertRange, SelfOnly } from '../http';
import { ApiContract, GET_CALENDAR } from '../openapi';
import { InstantRangeQueryDto } from './calendar-query.dto';

@ApiTags('calendar')
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @SelfOnly('query')
  @ApiContract(GET_CALENDAR)
  calendar(
    @Query() query: InstantRangeQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<CalendarAnswer> {
    assertRange(query.from, query.to);
    // A professional reads their own calendar (another professionalId was refused by SelfOnly).
    const professionalId = caller.role === 'professional' ? caller.sub : query.professionalId;
    if (professionalId === undefined) {
      throw new RequestValidationError([
        { field: 'professionalId', message: 'professionalId is required for auditors and admins' },
      ]);
    }
    return this.queries.execute(
      new GetCalendarQuery(
        professionalId,
        query.from,
        query.to,
        actorOf(caller),
        query.minPosition,
      ),
    );
  }
}
