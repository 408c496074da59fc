import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The arrows between our libraries point inwards only: the domain imports nothing of ours; the
 * event store knows the domain; the consumer core builds on the event store; the read models,
 * the publisher, the platform and the audit on the core; the application on those; the apps on all of them;
 * no library imports an app, and no app another. One arrow points at the application from below,
 * through one entry: the read models implement the application's ReadSide port, so they import
 * its contract (@app/application/ports: types and small values) and nothing else of it; the
 * application imports nothing of the read models. Specs and testing helpers are held to the same
 * arrows, except that they may use the test support (and an app's specs may start another app).
 */
const ROOT = resolve(__dirname, '../..');

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  'libs/domain': [],
  'libs/event-store': ['libs/domain'],
  'libs/consumers': ['libs/domain', 'libs/event-store'],
  'libs/read-models': ['libs/domain', 'libs/event-store', 'libs/consumers', 'libs/application'],
  'libs/messaging': ['libs/domain', 'libs/event-store', 'libs/consumers'],
  'libs/platform': ['libs/domain', 'libs/event-store', 'libs/consumers'],
  'libs/audit': ['libs/domain', 'libs/event-store', 'libs/consumers'],
  'libs/application': ['libs/domain', 'libs/event-store', 'libs/platform', 'libs/audit'],
  'apps/api': libraries(),
  'apps/cli': libraries(),
  'apps/projector': libraries(),
};

/**
 * Allowed arrows that may pass through the named entries only: any other specifier into the
 * target (its main entry, another sub-entry, a relative path) is wrong.
 */
const THROUGH: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  // Adapters of the ReadSide port: they see the port's contract, never the handlers or NestJS.
  'libs/read-models': { 'libs/application': ['@app/application/ports'] },
};

/**
 * Arrows that point the wrong way today, each with the change that removes it. The test fails
 * once one is gone, so the list cannot outlive it.
 */
const KNOWN_WRONG: ReadonlyArray<readonly [string, string, string]> = [];

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

interface Import {
  readonly target: string;
  readonly specifier: string;
  readonly file: string;
}

/** Every import of the unit's files into another unit of ours. */
function* importsOf(unit: string): Generator<Import> {
  for (const file of sources(join(ROOT, unit))) {
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const target = targetOf(match[1], file);
      if (target !== undefined && target !== unit) {
        yield { target, specifier: match[1], file: relative(ROOT, file) };
      }
    }
  }
}

function arrows(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const unit of Object.keys(ALLOWED)) {
    const targets = new Map<string, string>();
    for (const { target, file } of importsOf(unit)) {
      if (!targets.has(target)) targets.set(target, file);
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

  it('takes the arrows that are allowed through an entry only through that entry', () => {
    const wrong: string[] = [];
    for (const [unit, entries] of Object.entries(THROUGH)) {
      for (const { target, specifier, file } of importsOf(unit)) {
        const through = entries[target];
        if (through !== undefined && !through.includes(specifier)) {
          wrong.push(`${unit} -> ${specifier} (${file})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets the application import nothing of the read models that implement its port', () => {
    expect(graph.get('libs/application')?.get('libs/read-models')).toBeUndefined();
  });

  // Jest refuses an empty table, and the list is empty while no arrow is known to be wrong.
  if (KNOWN_WRONG.length > 0) {
    it.each(KNOWN_WRONG)('still has the known wrong arrow %s -> %s (%s)', (from, to) => {
      expect(graph.get(from)?.has(to)).toBe(true);
    });
  }
});
