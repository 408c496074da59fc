import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { randomClusterId, serverProperties, type BrokerPorts } from './broker-config';
import { KAFKA_SCRIPT_DIR, PROJECT_ROOT, resolveKafkaClasspath } from './classpath';

/**
 * A real Apache Kafka broker (KRaft, one node) from Maven Central jars, for tests on machines
 * without a container runtime. Free loopback ports, its own folder under .tmp/, removed on stop.
 */
export interface KafkaBroker {
  /** host:port for KAFKA_BROKERS. */
  readonly bootstrap: string;
  readonly ports: BrokerPorts;
  readonly dataDir: string;
  /** Kills the process (SIGKILL: an outage, not a clean stop) and keeps the data, for resume(). */
  halt(): Promise<void>;
  /** Starts the halted broker again on the same ports and data; resolves once it answers. */
  resume(): Promise<void>;
  /** Stops the broker and removes its folder. */
  stop(): Promise<void>;
}

export interface StartKafkaBrokerOptions {
  /** Parent folder of the broker's own folder (default: <project>/.tmp). */
  readonly baseDir?: string;
  /** Bound on the wait for the broker to answer (default 90 s). */
  readonly readyTimeoutMs?: number;
  /** Heap of the broker JVM (default 512m). */
  readonly heap?: string;
  readonly log?: (line: string) => void;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

function tail(file: string, lines = 20): string {
  return existsSync(file)
    ? readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n')
    : '';
}

function javaArgs(classpath: string, dataDir: string, heap: string, main: string[]): string[] {
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(KAFKA_SCRIPT_DIR, 'log4j2.xml')}`,
    `-Dkafka.log.file=${join(dataDir, 'broker.log')}`,
    '-cp',
    classpath,
    ...main,
  ];
}

/** Bounded: answers once describeCluster succeeds, fails when the process exits or time is up. */
async function waitUntilAnswering(
  bootstrap: string,
  process: ChildProcess,
  timeoutMs: number,
  logFile: string,
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'kafka-broker-probe',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
  });
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (process.exitCode !== null || process.signalCode !== null) {
      throw new Error(`Kafka exited during start (${String(process.exitCode)}):\n${tail(logFile)}`);
    }
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length > 0) return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Kafka did not answer within ${timeoutMs} ms (${lastError}):\n${tail(logFile)}`);
}

export async function startKafkaBroker(
  options: StartKafkaBrokerOptions = {},
): Promise<KafkaBroker> {
  const log = options.log ?? (() => undefined);
  const heap = options.heap ?? '512m';
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  const { classpath, resolvedByMaven, millis } = resolveKafkaClasspath();
  if (resolvedByMaven) log(`[kafka] jars resolved by Maven in ${millis} ms`);

  const baseDir = options.baseDir ?? join(PROJECT_ROOT, '.tmp');
  const dataDir = join(baseDir, `kafka-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dataDir, { recursive: true });
  const ports: BrokerPorts = { broker: await freePort(), controller: await freePort() };
  const bootstrap = `127.0.0.1:${ports.broker}`;
  const propertiesFile = join(dataDir, 'server.properties');
  const logFile = join(dataDir, 'broker.log');
  writeFileSync(propertiesFile, serverProperties(ports, join(dataDir, 'logs')));

  const format = spawnSync(
    'java',
    javaArgs(classpath, dataDir, '256m', [
      'kafka.tools.StorageTool',
      'format',
      '-t',
      randomClusterId(),
      '-c',
      propertiesFile,
    ]),
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (format.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`kafka-storage format failed:\n${format.stdout}${format.stderr}`);
  }

  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    const started = Date.now();
    const proc = spawn(
      'java',
      javaArgs(classpath, dataDir, heap, ['kafka.Kafka', propertiesFile]),
      {
        stdio: ['ignore', 'ignore', 'ignore'],
      },
    );
    child = proc;
    try {
      await waitUntilAnswering(bootstrap, proc, readyTimeoutMs, logFile);
    } catch (error) {
      proc.kill('SIGKILL');
      throw error;
    }
    log(`[kafka] broker answering at ${bootstrap} after ${Date.now() - started} ms`);
  };
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    child = undefined;
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = once(proc, 'exit');
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };

  // If the process that started the broker dies without stop() (a crashed test run), the broker
  // must not outlive it. Only the folder is left behind, under .tmp/.
  const killOnExit = (): void => {
    child?.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  try {
    await launch();
  } catch (error) {
    process.removeListener('exit', killOnExit);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    bootstrap,
    ports,
    dataDir,
    halt: () => kill('SIGKILL'),
    resume: launch,
    stop: async () => {
      await kill('SIGTERM');
      process.removeListener('exit', killOnExit);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `npx tsx scripts/kafka/kafka-broker.ts`: prints the bootstrap address, stops on Ctrl-C. */
async function main(): Promise<void> {
  const broker = await startKafkaBroker({ log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`KAFKA_BROKERS=${broker.bootstrap}\n`);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    broker.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
