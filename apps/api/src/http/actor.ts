import type { Actor } from '@app/domain';
import type { Caller } from '@app/platform';

export function actorOf(caller: Caller): Actor {
  return { userId: caller.sub, role: caller.role };
}
