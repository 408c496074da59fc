import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * A process as a lock file names it: a pid alone is not enough, since the system reuses pids
 * (after a reboot, in a container that restarted, the pid of a dead holder may be someone
 * else's). The start time tells two processes with the same pid apart; the host name tells
 * another machine's or container's pids (which this one cannot check) from ours.
 */
export interface ProcessIdentity {
  readonly pid: number;
  /** Clock ticks since boot when it started (/proc/<pid>/stat, field 22); null where unknown. */
  readonly startTime: string | null;
  readonly hostname: string;
}

/** The start time of `pid` from /proc, or null (no such process, or no /proc on this system). */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2, the command name, is in parentheses and may hold spaces and parentheses itself:
    // the fields after its closing parenthesis start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[22 - 3] ?? null;
  } catch {
    return null;
  }
}

export function currentProcess(): ProcessIdentity {
  return { pid: process.pid, startTime: processStartTime(process.pid), hostname: hostname() };
}

export type Liveness = 'running' | 'gone' | 'unknown';

/**
 * Whether the process a lock names still runs: `gone` only when its pid is free or belongs to a
 * process with another start time; `unknown` for a process on another host, which no check from
 * here can answer (so it is never taken for dead).
 */
export function liveness(identity: ProcessIdentity): Liveness {
  if (identity.hostname !== hostname()) return 'unknown';
  try {
    process.kill(identity.pid, 0);
  } catch (error) {
    // EPERM: it exists, as another user's process.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return 'gone';
  }
  const startTime = processStartTime(identity.pid);
  if (identity.startTime !== null && startTime !== null && startTime !== identity.startTime) {
    return 'gone';
  }
  return 'running';
}
