import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const KAFKA_SCRIPT_DIR = __dirname;
export const PROJECT_ROOT = join(__dirname, '..', '..');
const CACHE_DIR = join(PROJECT_ROOT, '.tmp', 'kafka');
const CLASSPATH_FILE = join(CACHE_DIR, 'classpath.txt');
const POM = join(KAFKA_SCRIPT_DIR, 'pom.xml');

export interface ClasspathResult {
  readonly classpath: string;
  /** True when Maven ran (jars fetched or checked); false when the cached list was reused. */
  readonly resolvedByMaven: boolean;
  readonly millis: number;
}

/** Why Java or Maven cannot be used here, or undefined when both answer. */
export function javaToolchainProblem(): string | undefined {
  for (const [tool, args] of [
    ['java', ['-version']],
    ['mvn', ['-v']],
  ] as const) {
    const result = spawnSync(tool, args, { stdio: 'ignore', timeout: 30_000 });
    if (result.error !== undefined || result.status !== 0) {
      return `${tool} is not available (${result.error?.message ?? `exit ${String(result.status)}`})`;
    }
  }
  return undefined;
}

function cachedClasspath(): string | undefined {
  if (!existsSync(CLASSPATH_FILE)) return undefined;
  // A pom edited after the list was written may name other versions: ask Maven again.
  if (statSync(CLASSPATH_FILE).mtimeMs < statSync(POM).mtimeMs) return undefined;
  const classpath = readFileSync(CLASSPATH_FILE, 'utf8').trim();
  const jars = classpath.split(':');
  // ~/.m2 may have been cleaned since: every jar must still be there.
  return jars.length > 0 && jars.every((jar) => existsSync(jar)) ? classpath : undefined;
}

/**
 * The broker's classpath: jars in Maven's local repository (~/.m2), fetched from Maven Central on
 * the first run. dependency:build-classpath (rather than copy-dependencies) leaves the jars in ~/.m2,
 * so every later run, and every checkout, reuses them.
 */
export function resolveKafkaClasspath(): ClasspathResult {
  const started = Date.now();
  const cached = cachedClasspath();
  if (cached !== undefined) return { classpath: cached, resolvedByMaven: false, millis: 0 };
  mkdirSync(CACHE_DIR, { recursive: true });
  const result = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      POM,
      'dependency:build-classpath',
      `-Dmdep.outputFile=${CLASSPATH_FILE}`,
      '-Dmdep.includeScope=runtime',
    ],
    { encoding: 'utf8', timeout: 600_000 },
  );
  if (result.status !== 0 || !existsSync(CLASSPATH_FILE)) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15);
    throw new Error(`Maven could not resolve the Kafka jars:\n${output.join('\n')}`);
  }
  return {
    classpath: readFileSync(CLASSPATH_FILE, 'utf8').trim(),
    resolvedByMaven: true,
    millis: Date.now() - started,
  };
}
