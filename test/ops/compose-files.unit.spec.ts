import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import draft7 from 'ajv/dist/refs/json-schema-draft-07.json';
import { loadConfig } from '@app/platform';
import { type ComposeFile, DOCKER_DIR, mergeCompose, readComposeFile } from './compose-files';

/** The Compose Specification's schema (docker/schema, draft-07), compiled once with ajv. */
function composeValidator() {
  const schema = JSON.parse(
    readFileSync(join(DOCKER_DIR, 'schema', 'compose-spec.json'), 'utf8'),
  ) as object;
  // Not strict: the schema uses annotations ajv does not know (`deprecated`), which change nothing.
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The spec names draft-07 by its https address; ajv knows the meta-schema by its http one.
  ajv.addMetaSchema({ ...draft7, $id: 'https://json-schema.org/draft-07/schema' });
  return ajv.compile(schema);
}

const base = readComposeFile('compose.yml');
const cluster = readComposeFile('compose.cluster.yml');
const merged = mergeCompose(base, cluster) as ComposeFile;

describe('docker/compose.yml and compose.cluster.yml', () => {
  const validate = composeValidator();

  it.each([
    ['compose.yml', base],
    ['compose.cluster.yml', cluster],
    ['both merged', merged],
  ])('%s validates against the Compose Specification schema', (_name, file) => {
    const valid = validate(file);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would catch a mistake (the schema is really applied)', () => {
    const api = base.services.api;
    const broken = {
      ...base,
      services: {
        ...base.services,
        api: { ...api, depends_on: { kafka: { condition: 'when-ready' } } },
      },
    };
    expect(validate(broken)).toBe(false);
    expect(validate({ ...base, services: { ...base.services, api: { ...api, replica: 2 } } })).toBe(
      false,
    );
  });

  it('runs the full stack: event store, Kafka, PostgreSQL, two API replicas, the projector', () => {
    const { services } = base;
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'cli',
      'kafka',
      'kurrentdb',
      'postgres',
      'projector',
    ]);
    expect(services.kurrentdb.image).toMatch(/kurrentdb|eventstore/);
    expect(services.kurrentdb.environment).toMatchObject({
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_CLUSTER_SIZE: '1',
    });
    expect(services.kurrentdb.volumes?.some((v) => v.startsWith('kurrentdb-data:'))).toBe(true);
    expect(services.kafka.image).toMatch(/^apache\/kafka:/);
    expect(services.kafka.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller' });
    expect(services.postgres.image).toMatch(/^postgres:/);
    expect(services.api.deploy?.replicas).toBe(2);
    expect(services.api.command).toEqual(['api']);
    expect(services.projector.command).toEqual(['projector']);
    expect(services.cli.profiles).toEqual(['tools']);
  });

  it('starts in health order: every app waits for healthy dependencies, which all have a health check', () => {
    const { services } = base;
    for (const app of ['api', 'projector', 'cli']) {
      const deps = services[app].depends_on ?? {};
      expect(Object.keys(deps)).toEqual(expect.arrayContaining(['kurrentdb', 'postgres']));
      for (const [dependency, { condition }] of Object.entries(deps)) {
        expect(condition).toBe('service_healthy');
        expect(services[dependency].healthcheck?.test?.length).toBeGreaterThan(0);
      }
    }
    expect(Object.keys(services.projector.depends_on ?? {})).toContain('kafka');
    expect(services.api.healthcheck?.test).toEqual([
      'CMD',
      'node',
      'docker/healthcheck.js',
      '3000',
    ]);
    expect(services.projector.healthcheck?.test).toEqual([
      'CMD',
      'node',
      'docker/healthcheck.js',
      '3001',
    ]);
    expect(services.api.stop_grace_period).toBe('30s');
    expect(services.projector.init).toBe(true);
  });

  it('wires the apps by environment, and that environment passes the apps’ own validation', () => {
    for (const app of ['api', 'projector', 'cli']) {
      const env = base.services[app].environment ?? {};
      expect(env).toMatchObject({
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_URL: 'esdb://kurrentdb:2113?tls=false',
        READ_MODEL_STORE: 'postgres',
        KAFKA_BROKERS: 'kafka:9092',
      });
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\//);
      // ${JWT_SECRET:-default} as Compose interpolates it when the variable is unset.
      const interpolated = Object.fromEntries(
        Object.entries(env).map(([k, v]) => [
          k,
          v.replace(/\$\{(\w+):-([^}]*)\}/g, (_m, _n, fallback: string) => fallback),
        ]),
      );
      const config = loadConfig(interpolated);
      expect(config).toMatchObject({
        eventStore: 'eventstoredb',
        readModelStore: 'postgres',
        relationalDatabase: 'postgres',
        nodeEnv: 'production',
      });
      expect(config.kafkaBrokers).toEqual(['kafka:9092']);
    }
  });

  it('the cluster override gives three KurrentDB nodes and three Kafka brokers with replication factor 3', () => {
    const { services } = merged;
    const kurrent = ['kurrentdb', 'kurrentdb-2', 'kurrentdb-3'];
    const kafka = ['kafka', 'kafka-2', 'kafka-3'];
    for (const node of kurrent) {
      expect(services[node].environment).toMatchObject({
        KURRENTDB_CLUSTER_SIZE: '3',
        KURRENTDB_INSECURE: 'true',
      });
      expect(services[node].healthcheck?.test?.length).toBeGreaterThan(0);
    }
    const voters = '1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093';
    kafka.forEach((node, i) => {
      expect(services[node].environment).toMatchObject({
        KAFKA_NODE_ID: String(i + 1),
        KAFKA_CONTROLLER_QUORUM_VOTERS: voters,
        KAFKA_DEFAULT_REPLICATION_FACTOR: '3',
        KAFKA_MIN_INSYNC_REPLICAS: '2',
        CLUSTER_ID: services.kafka.environment?.CLUSTER_ID,
      });
    });
    for (const app of ['api', 'projector']) {
      expect(services[app].environment).toMatchObject({
        EVENTSTORE_URL: 'esdb+discover://kurrentdb-cluster:2113?tls=false',
        KAFKA_BROKERS: 'kafka:9092,kafka-2:9092,kafka-3:9092',
        KAFKA_REPLICATION_FACTOR: '3',
        // Kept from the base file.
        READ_MODEL_STORE: 'postgres',
      });
      const config = loadConfig({ ...services[app].environment, JWT_SECRET: 'x'.repeat(32) });
      expect(config.kafkaBrokers).toHaveLength(3);
    }
    expect(Object.keys(services.projector.depends_on ?? {})).toEqual(
      expect.arrayContaining([...kurrent, ...kafka, 'postgres']),
    );
  });
});
