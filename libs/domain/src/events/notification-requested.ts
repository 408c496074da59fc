import { type Event } from '../common';

export const NOTIFICATION_REQUESTED = 'NotificationRequested';
export const NOTIFICATION_REQUESTED_SCHEMA_VERSION = 1;

/**
 * Deliberately thin: the notification service reads the session's other events for what it may
 * show, and the private note can never leak through this payload.
 */
export type NotificationRequestedData = Readonly<{ channel: 'default' }>;

export type NotificationRequested = Event<typeof NOTIFICATION_REQUESTED, NotificationRequestedData>;
