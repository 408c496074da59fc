import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The design documents name files and folders of the tree (the walk of one cancel goes file by
 * file): each name must exist, so the documents cannot drift from the code unnoticed.
 */
const ROOT = resolve(__dirname, '../..');
const DOCUMENTS = [
  'docs/architecture.md',
  'libs/application/README.md',
  'libs/event-store/README.md',
];
const TOP = /^(apps|libs|test|bench|scripts|docker|docs)\//;

function namedPaths(text: string): string[] {
  const names = [...text.matchAll(/`([^`\s]+)`/g)].map((match) => match[1] ?? '');
  return names.filter((name) => TOP.test(name)).map((name) => name.replace(/[.,:;]+$/, ''));
}

describe.each(DOCUMENTS)('%s', (document) => {
  const text = readFileSync(join(ROOT, document), 'utf8');

  it('names only files and folders that exist', () => {
    const missing = namedPaths(text).filter((path) => !existsSync(join(ROOT, path)));
    expect(missing).toEqual([]);
  });
});

describe('the walk of one cancel', () => {
  it('goes through at least the controller, the one command path, the writer and both consumers', () => {
    const walk = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    for (const path of [
      'apps/api/src/sessions/session-commands.controller.ts',
      'libs/application/src/commands/handling/',
      'libs/application/src/writers/sql-event-writer.ts',
      'libs/read-models/src/calendar/calendar-projection.ts',
    ]) {
      expect(namedPaths(walk)).toContain(path);
    }
  });
});
