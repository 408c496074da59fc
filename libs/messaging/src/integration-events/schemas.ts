import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { SCHEMA_FILES, type IntegrationEventType } from './event-types';

/** The checked-in JSON Schemas (libs/messaging/schemas), the contract consumers validate against. */
export const SCHEMA_DIR = join(__dirname, '..', '..', 'schemas');

export function loadSchema(type: IntegrationEventType): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, SCHEMA_FILES[type]), 'utf8')) as Record<
    string,
    unknown
  >;
}

export type PayloadValidator = (type: IntegrationEventType, payload: unknown) => string[];

/** Validates a payload against its type's schema: the list of problems, empty when valid. */
export function createPayloadValidator(): PayloadValidator {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const validators = new Map(
    (Object.keys(SCHEMA_FILES) as IntegrationEventType[]).map((type) => [
      type,
      ajv.compile(loadSchema(type)),
    ]),
  );
  return (type, payload) => {
    const validate = validators.get(type);
    if (validate === undefined) return [`no schema for ${type}`];
    return validate(payload)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
  };
}
