import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@app/domain';
import type { Position } from '@app/event-store';
import { CALENDAR_PROJECTION, READ_SIDE, type CalendarAnswer, type ReadSide } from '../ports';
import { FreshRead } from './fresh-read';

export class GetCalendarQuery extends Query<CalendarAnswer> {
  constructor(
    readonly professionalId: string,
    readonly from: string,
    readonly to: string,
    readonly viewer: Actor,
    readonly minPosition?: Position,
  ) {
    super();
  }
}

@QueryHandler(GetCalendarQuery)
export class GetCalendarHandler implements IQueryHandler<GetCalendarQuery> {
  constructor(
    @Inject(READ_SIDE) private readonly readSide: ReadSide,
    private readonly fresh: FreshRead,
  ) {}

  async execute(query: GetCalendarQuery): Promise<CalendarAnswer> {
    await this.fresh.atLeast(CALENDAR_PROJECTION, query.minPosition);
    return this.readSide.calendar.calendarOf({
      professionalId: query.professionalId,
      from: query.from,
      to: query.to,
      viewer: query.viewer,
    });
  }
}
