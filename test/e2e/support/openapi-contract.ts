import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** What the check needs of a request and of its answer, whoever sent it. */
export interface ExchangeRequest {
  readonly method: string;
  /** Path and query string, as sent. */
  readonly url: string;
  /** The JSON body sent, when there was one. */
  readonly body?: unknown;
}

export interface ExchangeAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  /** The raw body text. */
  readonly text: string;
}

type Json = { readonly [key: string]: unknown };

interface Operation {
  readonly method: string;
  readonly template: string;
  readonly pattern: RegExp;
  readonly parameters: number;
  readonly definition: Json;
}

/** Statuses only the HTTP layer answers (before any route), covered by each operation's `default`. */
const HTTP_LAYER_STATUSES: ReadonlySet<number> = new Set([408, 413, 414, 415, 431]);

/** The headers the API's contract names: present on an answer, they must be declared there. */
const CONTRACT_HEADERS = ['etag', 'location', 'position', 'retry-after', 'idempotent-replayed'];

const SCHEMA_BASE = 'https://contract.test/schemas/';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The document with every `#/components/schemas/X` made absolute, so ajv resolves it anywhere. */
function absoluteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absoluteRefs);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string'
        ? inner.replace('#/components/schemas/', SCHEMA_BASE)
        : absoluteRefs(inner),
    ]),
  );
}

function resolve(document: Json, value: unknown): Json {
  if (!isObject(value) || typeof value.$ref !== 'string') return isObject(value) ? value : {};
  const path = value.$ref.replace(/^#\//, '').split('/');
  let node: unknown = document;
  for (const segment of path) node = isObject(node) ? node[segment] : undefined;
  return isObject(node) ? node : {};
}

const mediaTypeOf = (header: ExchangeAnswer['headers'][string]): string =>
  (Array.isArray(header) ? header[0] : String(header ?? ''))?.split(';')[0]?.trim().toLowerCase() ??
  '';

/**
 * Holds answers (and the requests the server accepted) to the served OpenAPI document: the
 * status must be declared, the body must validate against its schema (ajv, JSON Schema 2020-12,
 * formats checked), the declared required headers must be there, and a contract header that is
 * there must be declared. A request the server accepted must fit the document's request schema,
 * so the document is never stricter than the server.
 */
export class OpenApiContract {
  private readonly ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }), {
    keywords: true,
  });
  private readonly operations: Operation[];
  private readonly compiled = new Map<unknown, ValidateFunction>();

  constructor(private readonly document: Json) {
    // The OpenAPI 3.1 dialect's own annotation keywords, which JSON Schema does not know.
    for (const keyword of ['example', 'discriminator', 'xml', 'externalDocs']) {
      this.ajv.addKeyword(keyword);
    }
    const schemas = (document.components as Json | undefined)?.schemas as Json | undefined;
    for (const [name, schema] of Object.entries(schemas ?? {})) {
      this.ajv.addSchema({ ...(absoluteRefs(schema) as Json), $id: `${SCHEMA_BASE}${name}` });
    }
    this.operations = Object.entries((document.paths as Json | undefined) ?? {}).flatMap(
      ([template, item]) =>
        METHODS.filter((method) => isObject((item as Json)[method])).map((method) => ({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
          parameters: (template.match(/\{/g) ?? []).length,
          definition: (item as Json)[method] as Json,
        })),
    );
  }

  /** The operation a request is for, the most specific first; undefined off the document. */
  operationOf(method: string, url: string): Operation | undefined {
    const path = url.split('?')[0] ?? '';
    return this.operations
      .filter((operation) => operation.method === method && operation.pattern.test(path))
      .sort((a, b) => a.parameters - b.parameters)[0];
  }

  /** Every way the exchange departs from the document (empty when it conforms). */
  violations(request: ExchangeRequest, answer: ExchangeAnswer): string[] {
    const operation = this.operationOf(request.method, request.url);
    if (operation === undefined) return [];
    const where = `${request.method} ${operation.template} answered ${answer.status}`;
    const problems = [
      ...this.answerViolations(operation, answer),
      ...(answer.status < 300 ? this.requestViolations(operation, request) : []),
    ];
    return problems.map((problem) => `${where}: ${problem}`);
  }

  private answerViolations(operation: Operation, answer: ExchangeAnswer): string[] {
    const responses = (operation.definition.responses ?? {}) as Json;
    const declared = responses[String(answer.status)];
    const fallback = HTTP_LAYER_STATUSES.has(answer.status) ? responses.default : undefined;
    const response = resolve(this.document, declared ?? fallback);
    if (declared === undefined && fallback === undefined) {
      return [`status ${answer.status} is not declared`];
    }
    return [...this.bodyViolations(response, answer), ...this.headerViolations(response, answer)];
  }

  private bodyViolations(response: Json, answer: ExchangeAnswer): string[] {
    const content = response.content as Json | undefined;
    if (content === undefined) {
      return answer.text === '' ? [] : ['a body is sent where the document declares none'];
    }
    const mediaType = mediaTypeOf(answer.headers['content-type']);
    const media = content[mediaType] as Json | undefined;
    if (media === undefined) {
      return [`content type ${mediaType} is not one of ${Object.keys(content).join(', ')}`];
    }
    if (!mediaType.endsWith('json')) return [];
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return ['the body is not JSON'];
    }
    return this.schemaViolations(media.schema, body, 'body');
  }

  private headerViolations(response: Json, answer: ExchangeAnswer): string[] {
    const headers = (response.headers ?? {}) as Json;
    const declared = new Map(
      Object.entries(headers).map(([name, header]) => [
        name.toLowerCase(),
        resolve(this.document, header),
      ]),
    );
    const problems: string[] = [];
    for (const [name, header] of declared) {
      const value = answer.headers[name];
      if (value === undefined) {
        if (header.required === true) problems.push(`header ${name} is missing`);
        continue;
      }
      problems.push(...this.schemaViolations(header.schema, String(value), `header ${name}`));
    }
    for (const name of CONTRACT_HEADERS) {
      if (answer.headers[name] !== undefined && !declared.has(name)) {
        problems.push(`header ${name} is sent but not declared`);
      }
    }
    return problems;
  }

  private requestViolations(operation: Operation, request: ExchangeRequest): string[] {
    const problems: string[] = [];
    const body = resolve(this.document, operation.definition.requestBody);
    const media = (body.content as Json | undefined)?.['application/json'] as Json | undefined;
    if (media !== undefined && request.body !== undefined) {
      problems.push(...this.schemaViolations(media.schema, request.body, 'accepted request body'));
    }
    const query = new URLSearchParams(request.url.split('?')[1] ?? '');
    for (const parameter of (operation.definition.parameters ?? []) as Json[]) {
      const value = parameter.in === 'query' ? query.get(String(parameter.name)) : null;
      if (value === null) continue;
      problems.push(
        ...this.schemaViolations(
          parameter.schema,
          value,
          `accepted query ${String(parameter.name)}`,
        ),
      );
    }
    return problems;
  }

  private schemaViolations(schema: unknown, value: unknown, what: string): string[] {
    if (schema === undefined) return [];
    let validate = this.compiled.get(schema);
    if (validate === undefined) {
      validate = this.ajv.compile(absoluteRefs(schema) as Json);
      this.compiled.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (error) =>
        `${what}${error.instancePath} ${error.message ?? 'is invalid'} (${error.schemaPath})`,
    );
  }
}
