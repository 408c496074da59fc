import { randomBytes } from 'node:crypto';

export interface BrokerPorts {
  readonly broker: number;
  readonly controller: number;
}

/**
 * A KRaft cluster id as Kafka writes them: 16 random bytes, URL-safe base64 without padding.
 * Kafka never hands out ids starting with '-' (they read as command-line options), so neither do we.
 */
export function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/**
 * server.properties of a single node acting as broker and controller, on loopback only. The
 * controller quorum is given statically (controller.quorum.voters), which both Kafka 3.9 and 4.x
 * format without --standalone. Replication factors of the internal topics are 1 (one node), and
 * topics are never created implicitly: the publisher must create its own with the contract's
 * settings, and a test that forgot would fail rather than get a topic with the wrong policy.
 */
export function serverProperties(ports: BrokerPorts, logDir: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${ports.controller}`,
    `listeners=PLAINTEXT://127.0.0.1:${ports.broker},CONTROLLER://127.0.0.1:${ports.controller}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${ports.broker}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${logDir}`,
    'num.partitions=1',
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    // Few partitions for the internal topics: each costs start-up time on two shared cores.
    'offsets.topic.num.partitions=3',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=3',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
}
