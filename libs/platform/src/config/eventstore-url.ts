import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { EnvReader } from './env-reader';

/**
 * EVENTSTORE_URL as `@eventstore/db-client` 6.2.1 reads it, checked at start: what the client
 * would throw on later, and what it would silently ignore (an unknown option, `tlsVerifyCert=false`,
 * credentials on an insecure connection), is refused here with a message naming the variable.
 * `kurrentdb://` and `kurrent://` (what KurrentDB reports) are accepted: the adapter rewrites them
 * to `esdb://`, the only name the 6.x client knows for the protocol.
 */
const SCHEMES = [
  'esdb',
  'esdb+discover',
  'kurrentdb',
  'kurrentdb+discover',
  'kurrent',
  'kurrent+discover',
] as const;

const BOOLEAN_OPTIONS = ['tls', 'tlsVerifyCert', 'throwOnAppendFailure'];
const INTEGER_OPTIONS = [
  'maxDiscoverAttempts',
  'defaultDeadline',
  'discoveryInterval',
  'gossipTimeout',
  'keepAliveInterval',
  'keepAliveTimeout',
];
const TEXT_OPTIONS = [
  'connectionName',
  'tlsCAFile',
  'userCertFile',
  'userKeyFile',
  'nodePreference',
];
const NODE_PREFERENCES = ['leader', 'follower', 'random', 'readonlyreplica'];
const OPTIONS = [...BOOLEAN_OPTIONS, ...INTEGER_OPTIONS, ...TEXT_OPTIONS];

/** The client matches option names ignoring case, `-` and `_`. */
const flat = (name: string): string => name.trim().toLowerCase().replace(/[_-]/g, '');
const canonical = new Map(OPTIONS.map((option) => [flat(option), option]));

const NAME = 'EVENTSTORE_URL';

export type FileExists = (path: string) => boolean;

/** Every problem with `value`, each a sentence naming EVENTSTORE_URL; empty when it is fine. */
export function eventStoreUrlProblems(
  value: string,
  fileExists: FileExists = existsSync,
): string[] {
  const url = value.trim().replace(/\/+$/, '');
  const scheme = /^([^:/?#]+):\/\//.exec(url)?.[1];
  if (scheme === undefined || !(SCHEMES as readonly string[]).includes(scheme.toLowerCase())) {
    return [`${NAME} must be a URL with scheme ${SCHEMES.join(', ')}`];
  }
  if (scheme !== scheme.toLowerCase()) {
    return [`${NAME} must spell its scheme in lowercase (the client refuses "${scheme}://")`];
  }
  const problems: string[] = [];
  const rest = url.slice(scheme.length + 3);
  const queryAt = rest.indexOf('?');
  const authority = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rest.slice(queryAt + 1);
  const at = authority.lastIndexOf('@');
  const credentials = at === -1 ? undefined : authority.slice(0, at);
  if (credentials !== undefined && !/^[^:]+:[^@]+$/.test(credentials)) {
    problems.push(`${NAME} credentials must be username:password before the @`);
  }
  const hosts = (at === -1 ? authority : authority.slice(at + 1)).replace(/\/$/, '');
  problems.push(...hostProblems(hosts));
  const options = new Map<string, string>();
  if (query !== '') {
    for (const pair of query.split('&')) {
      const [rawKey = '', rawValue, ...extra] = pair.split('=');
      const key = canonical.get(flat(rawKey));
      if (rawValue === undefined || rawValue.trim() === '' || extra.length > 0) {
        problems.push(`${NAME} option "${pair}" must be key=value`);
      } else if (key === undefined) {
        problems.push(
          `${NAME} option "${rawKey}" is unknown to the client, which would ignore it (known: ${OPTIONS.join(', ')})`,
        );
      } else {
        options.set(key, decodeURIComponent(rawValue.trim()));
      }
    }
  }
  problems.push(...optionProblems(options, credentials !== undefined, fileExists));
  return problems;
}

function hostProblems(hosts: string): string[] {
  if (hosts === '') return [`${NAME} names no host`];
  const problems: string[] = [];
  for (const host of hosts.split(',')) {
    const match = /^([^\s$+!?*'(),;[\]{}|"%~#<>=&:/]+)(?::(\d+))?$/.exec(host.trim());
    const port = match?.[2] === undefined ? 2113 : Number(match[2]);
    if (match === null || port < 1 || port > 65535) {
      problems.push(`${NAME} host "${host}" must be host or host:port (port 1 to 65535)`);
    }
  }
  return problems;
}

function optionProblems(
  options: ReadonlyMap<string, string>,
  hasCredentials: boolean,
  fileExists: FileExists,
): string[] {
  const problems: string[] = [];
  for (const [key, value] of options) {
    if (BOOLEAN_OPTIONS.includes(key) && value !== 'true' && value !== 'false') {
      problems.push(`${NAME} option ${key} must be true or false (got "${value}")`);
    }
    if (INTEGER_OPTIONS.includes(key) && !/^-?\d+$/.test(value)) {
      problems.push(`${NAME} option ${key} must be an integer (got "${value}")`);
    }
  }
  const integer = (key: string): number | undefined =>
    options.has(key) && /^-?\d+$/.test(options.get(key) ?? '')
      ? Number(options.get(key))
      : undefined;
  for (const key of ['keepAliveInterval', 'keepAliveTimeout']) {
    const value = integer(key);
    if (value !== undefined && value < -1) {
      problems.push(`${NAME} option ${key} must be a number of milliseconds, or -1 to disable`);
    }
  }
  const deadline = integer('defaultDeadline');
  if (deadline !== undefined && deadline <= 0) {
    problems.push(`${NAME} option defaultDeadline must be a positive number of milliseconds`);
  }
  const preference = options.get('nodePreference');
  if (preference !== undefined && !NODE_PREFERENCES.includes(flat(preference))) {
    problems.push(
      `${NAME} option nodePreference must be leader, follower, random or readOnlyReplica`,
    );
  }
  if (options.get('throwOnAppendFailure') === 'false') {
    problems.push(
      `${NAME} option throwOnAppendFailure must stay true: the adapter relies on a conflict throwing`,
    );
  }
  if (options.get('tlsVerifyCert') === 'false') {
    problems.push(
      `${NAME} option tlsVerifyCert=false is not supported by the client, which would ignore it: trust the server's certificate authority with tlsCAFile=/path/to/ca.crt`,
    );
  }
  const insecure = options.get('tls') === 'false';
  if (insecure && hasCredentials) {
    problems.push(
      `${NAME} has credentials but tls=false: the client sends no credentials over an insecure connection; use TLS (tlsCAFile for a private CA) or drop them`,
    );
  }
  const files = ['tlsCAFile', 'userCertFile', 'userKeyFile'].filter((key) => options.has(key));
  if (insecure && files.length > 0) {
    problems.push(
      `${NAME} sets ${files.join(' and ')} but tls=false, so the client would ignore it`,
    );
  }
  if (options.has('userCertFile') !== options.has('userKeyFile')) {
    problems.push(`${NAME} options userCertFile and userKeyFile go together`);
  }
  for (const key of files) {
    const path = options.get(key) ?? '';
    const absolute = isAbsolute(path) ? path : resolve(process.cwd(), path);
    if (!fileExists(absolute)) problems.push(`${NAME} option ${key}: no file at ${absolute}`);
  }
  return problems;
}

/** EVENTSTORE_URL from the environment, its problems recorded on the reader. */
export function readEventStoreUrl(read: EnvReader, fileExists?: FileExists): string | undefined {
  const value = read.optional(NAME);
  if (value === undefined) return undefined;
  const problems = eventStoreUrlProblems(value, fileExists);
  read.problems.push(...problems);
  return problems.length === 0 ? value : undefined;
}
