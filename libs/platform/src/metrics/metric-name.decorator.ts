import { SetMetadata } from '@nestjs/common';

export const METRIC_NAME = 'metrics:name';

/**
 * Names a handler in the command and query metrics (e.g. `cancel-session`). Without it the
 * name is `<Controller without the suffix>.<method>`, e.g. `SessionCommands.cancel`.
 */
export const MetricName = (name: string): MethodDecorator => SetMetadata(METRIC_NAME, name);
