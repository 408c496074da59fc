import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ListDeletionsQuery, type DeletionsAnswer } from '@app/application';
import { type Caller, CurrentCaller } from '@app/platform';
import { InstantRangeQueryDto } from '../calendar/calendar-query.dto';
import { assertRange, SelfOnly } from '../http';
import { ApiContract, LIST_DELETIONS } from '../openapi';

@ApiTags('deletions')
@Controller('api/v1/deletions')
export class DeletionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @SelfOnly('query')
  @ApiContract(LIST_DELETIONS)
  list(
    @Query() query: InstantRangeQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<DeletionsAnswer> {
    assertRange(query.from, query.to);
    const professionalId = caller.role === 'professional' ? caller.sub : query.professionalId;
    return this.queries.execute(
      new ListDeletionsQuery(query.from, query.to, professionalId, query.minPosition),
    );
  }
}
