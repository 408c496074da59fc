import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const DOCKER_DIR = join(__dirname, '..', '..', 'docker');

export interface ComposeService {
  readonly image?: string;
  readonly build?: unknown;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment?: Record<string, string>;
  readonly depends_on?: Record<string, { condition: string }>;
  readonly healthcheck?: { test?: readonly string[]; disable?: boolean };
  readonly deploy?: { replicas?: number };
  readonly ports?: readonly string[];
  readonly profiles?: readonly string[];
  readonly stop_grace_period?: string;
  readonly init?: boolean;
  readonly volumes?: readonly string[];
}

export interface ComposeFile {
  readonly services: Record<string, ComposeService>;
  readonly volumes?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

/** A compose file as Compose reads it: YAML 1.2 with anchors and `<<` merge keys resolved. */
export function readComposeFile(name: string): ComposeFile {
  return parse(readFileSync(join(DOCKER_DIR, name), 'utf8'), { merge: true }) as ComposeFile;
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `-f base -f override` as Compose merges them, for what our files use: mappings merge by key,
 * sequences and scalars of the override replace the base's.
 */
export function mergeCompose(base: unknown, override: unknown): unknown {
  if (!isMap(base) || !isMap(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = key in base ? mergeCompose(base[key], value) : value;
  }
  return merged;
}
