import type { ReadModels } from '../../read-models';
import { calendarCases } from './calendar.cases';
import { suiteContext } from './context';
import { deletionCases } from './deletion.cases';
import { idempotencyCases } from './idempotency.cases';
import { poisonCases } from './poison.cases';
import { rebuildCases } from './rebuild.cases';
import { reportingCases } from './reporting.cases';
import { runnerCases } from './runner.cases';

/**
 * One feature suite for every read-model store (PostgreSQL, embedded): the store is the only
 * thing that varies. `open` gives a fresh, empty ReadModels in its own schema.
 */
export function readModelSuite(open: () => Promise<ReadModels>): void {
  const context = suiteContext(open);
  describe('calendar', () => calendarCases(context));
  describe('idempotency', () => idempotencyCases(context));
  describe('deletion', () => deletionCases(context));
  describe('reporting', () => reportingCases(context));
  describe('runner', () => runnerCases(context));
  describe('rebuild', () => rebuildCases(context));
  describe('poison events', () => poisonCases(context));
}
