/**
 * The Kafka topics of the contract (docs/product.md, "Kafka"). Names are stable; the settings that
 * differ between a laptop and a cluster (partitions, replication, retention) are options.
 */
export type TopicRole = 'lifecycle' | 'notifications' | 'state';

export const TOPIC_ROLES: readonly TopicRole[] = ['lifecycle', 'notifications', 'state'];

export const DEFAULT_TOPIC_NAMES: Readonly<Record<TopicRole, string>> = {
  lifecycle: 'sessions.lifecycle.v1',
  notifications: 'sessions.notifications.v1',
  state: 'sessions.state.v1',
};

export const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

export interface TopicSettings {
  /** Topic names by role; tests give each case its own. */
  readonly names: Readonly<Record<TopicRole, string>>;
  readonly partitions: number;
  /** 1 on one local broker, 3 in the cluster setup. */
  readonly replicationFactor: number;
  readonly lifecycleRetentionMs: number;
  readonly notificationsRetentionMs: number;
}

export const DEFAULT_TOPIC_SETTINGS: TopicSettings = {
  names: DEFAULT_TOPIC_NAMES,
  partitions: 6,
  replicationFactor: 1,
  lifecycleRetentionMs: SEVEN_DAYS_MS,
  notificationsRetentionMs: SEVEN_DAYS_MS,
};

export interface TopicDefinition {
  readonly role: TopicRole;
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Topic-level configuration as Kafka names it. */
  readonly config: Readonly<Record<string, string>>;
}

/** What the publisher creates at start when a topic is missing. */
export function topicDefinitions(
  settings: TopicSettings = DEFAULT_TOPIC_SETTINGS,
): TopicDefinition[] {
  const base = { partitions: settings.partitions, replicationFactor: settings.replicationFactor };
  return [
    {
      ...base,
      role: 'lifecycle',
      name: settings.names.lifecycle,
      config: { 'cleanup.policy': 'delete', 'retention.ms': String(settings.lifecycleRetentionMs) },
    },
    {
      ...base,
      role: 'notifications',
      name: settings.names.notifications,
      config: {
        'cleanup.policy': 'delete',
        'retention.ms': String(settings.notificationsRetentionMs),
      },
    },
    {
      ...base,
      role: 'state',
      name: settings.names.state,
      // Compaction keeps the latest state per session; a tombstone (null value) erases it.
      config: { 'cleanup.policy': 'compact' },
    },
  ];
}

export function resolveTopicSettings(overrides: Partial<TopicSettings> = {}): TopicSettings {
  // An absent setting (undefined) keeps its default rather than erasing it.
  const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const settings: TopicSettings = { ...DEFAULT_TOPIC_SETTINGS, ...given };
  for (const [name, value] of [
    ['partitions', settings.partitions],
    ['replicationFactor', settings.replicationFactor],
    ['lifecycleRetentionMs', settings.lifecycleRetentionMs],
    ['notificationsRetentionMs', settings.notificationsRetentionMs],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`topic setting ${name} must be an integer >= 1, got ${String(value)}`);
    }
  }
  return settings;
}
