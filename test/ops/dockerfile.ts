import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCKER_DIR } from './compose-files';

export interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

export interface Stage {
  readonly name: string;
  readonly from: string;
  readonly instructions: readonly Instruction[];
}

/**
 * The Dockerfile as the builder reads it: comments dropped (also inside continued lines, as
 * BuildKit does), `\` continuations joined, then one instruction per line, grouped by stage.
 */
export function parseDockerfile(text: string): { args: Instruction[]; stages: Stage[] } {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    if (full !== '') logical.push(full);
  }
  const args: Instruction[] = [];
  const stages: Array<{ name: string; from: string; instructions: Instruction[] }> = [];
  for (const line of logical) {
    const space = line.indexOf(' ');
    const keyword = (space === -1 ? line : line.slice(0, space)).toUpperCase();
    const rest = space === -1 ? '' : line.slice(space + 1).trim();
    if (keyword === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      stages.push({
        from: match?.[1] ?? rest,
        name: match?.[2] ?? String(stages.length),
        instructions: [],
      });
    } else if (stages.length === 0) {
      args.push({ keyword, args: rest });
    } else {
      stages[stages.length - 1].instructions.push({ keyword, args: rest });
    }
  }
  return { args, stages };
}

export function readDockerfile(): { args: Instruction[]; stages: Stage[] } {
  return parseDockerfile(readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8'));
}

/** The apps the image's entry point accepts, read from docker/entrypoint.js. */
export function entrypointApps(): string[] {
  const source = readFileSync(join(DOCKER_DIR, 'entrypoint.js'), 'utf8');
  const list = /const APPS = \[([^\]]*)\]/.exec(source)?.[1] ?? '';
  return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]);
}
