import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Position } from '@app/event-store';
import { DELETIONS_PROJECTION, READ_SIDE, type DeletionsAnswer, type ReadSide } from '../ports';
import { FreshRead } from './fresh-read';

export class ListDeletionsQuery extends Query<DeletionsAnswer> {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly professionalId: string | undefined,
    readonly minPosition?: Position,
  ) {
    super();
  }
}

@QueryHandler(ListDeletionsQuery)
export class ListDeletionsHandler implements IQueryHandler<ListDeletionsQuery> {
  constructor(
    @Inject(READ_SIDE) private readonly readSide: ReadSide,
    private readonly fresh: FreshRead,
  ) {}

  async execute(query: ListDeletionsQuery): Promise<DeletionsAnswer> {
    await this.fresh.atLeast(DELETIONS_PROJECTION, query.minPosition);
    return this.readSide.deletions.list({
      from: query.from,
      to: query.to,
      ...(query.professionalId === undefined ? {} : { professionalId: query.professionalId }),
    });
  }
}
