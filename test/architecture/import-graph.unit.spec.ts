import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The arrows between our libraries point inwards only: the domain imports nothing of ours; the
 * event store knows the domain; the consumer core builds on the event store; the read models,
 * the publisher, the platform and the audit on the core; the application on those; the apps on all of them;
 * no library imports an app, and no app another. Specs and testing helpers are held to the same
 * arrows, except that they may use the test support (and an app's specs may start another app).
 */
const ROOT = resolve(__dirname, '../..');

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  'libs/domain': [],
  'libs/event-store': ['libs/domain'],
  'libs/consumers': ['libs/domain', 'libs/event-store'],
  'libs/read-models': ['libs/domain', 'libs/event-store', 'libs/consumers'],
  'libs/messaging': ['libs/domain', 'libs/event-store', 'libs/consumers'],
  'libs/platform': ['libs/domain', 'libs/event-store', 'libs/consumers'],
  'libs/audit': ['libs/domain', 'libs/event-store', 'libs/consumers'],
  'libs/application': [
    'libs/domain',
    'libs/event-store',
    'libs/platform',
    'libs/read-models',
    'libs/audit',
  ],
  'apps/api': libraries(),
  'apps/cli': libraries(),
  'apps/projector': libraries(),
};

/**
 * Arrows that point the wrong way today, each with the change that removes it. The test fails
 * once one is gone, so the list cannot outlive it.
 */
const KNOWN_WRONG: ReadonlyArray<readonly [string, string, string]> = [
  // The application's ReadSide port takes its types from the read models (issue 13, item 3).
  ['libs/application', 'libs/read-models', 'issue 13 item 3: the ReadSide port owns its types'],
];

function libraries(): string[] {
  return readdirSync(join(ROOT, 'libs')).map((name) => `libs/${name}`);
}

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** `libs/x` or `apps/x` for a file of ours, `test` for the test support, else undefined. */
function unitOf(path: string): string | undefined {
  const [top, name] = relative(ROOT, path).split(sep);
  if (top === 'libs' || top === 'apps') return `${top}/${name}`;
  return top === 'test' ? 'test' : undefined;
}

function targetOf(specifier: string, file: string): string | undefined {
  const alias = /^@app\/([a-z-]+)/.exec(specifier);
  if (alias) return `libs/${alias[1]}`;
  if (specifier.startsWith('@test/')) return 'test';
  if (specifier.startsWith('.')) return unitOf(resolve(dirname(file), specifier));
  return undefined;
}

const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)'([^']+)'/gm;

function arrows(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const unit of Object.keys(ALLOWED)) {
    const targets = new Map<string, string>();
    for (const file of sources(join(ROOT, unit))) {
      for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
        const target = targetOf(match[1], file);
        if (target !== undefined && target !== unit && !targets.has(target)) {
          targets.set(target, relative(ROOT, file));
        }
      }
    }
    graph.set(unit, targets);
  }
  return graph;
}

describe('the import graph', () => {
  const graph = arrows();

  it('has no arrow from an inner library to an outer one, nor into an app', () => {
    const wrong: string[] = [];
    for (const [unit, targets] of graph) {
      for (const [target, file] of targets) {
        const isSpec = file.endsWith('.spec.ts');
        // An app's specs may start another app (the API with the projector, say).
        const allowed =
          ALLOWED[unit].includes(target) ||
          target === 'test' ||
          (isSpec && target.startsWith('apps/'));
        const testOnly = target === 'test' && !/(\.spec\.ts|\/testing\/)/.test(file);
        if (!allowed || testOnly) wrong.push(`${unit} -> ${target} (${file})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the domain free of everything of ours', () => {
    expect([...(graph.get('libs/domain')?.keys() ?? [])]).toEqual([]);
  });

  it.each(KNOWN_WRONG)('still has the known wrong arrow %s -> %s (%s)', (from, to) => {
    expect(graph.get(from)?.has(to)).toBe(true);
  });
});
