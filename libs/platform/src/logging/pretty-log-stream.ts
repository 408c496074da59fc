import type { Writable } from 'node:stream';
import type { DestinationStream } from 'pino';
import pinoPretty from 'pino-pretty';

/** The fields a request line carries (pino-http's, as our serializers shorten them). */
interface RequestLine {
  req?: { method?: unknown; url?: unknown };
  res?: { statusCode?: unknown };
  responseTime?: unknown;
  context?: unknown;
}

/**
 * One short line a record: a request reads `GET /api/v1/sessions/s-1 200 4 ms`, anything else
 * `[Context] message`. The correlation id and the other fields stay in the JSON format only.
 */
function formatMessage(log: Record<string, unknown>, messageKey: string): string {
  const { req, res, responseTime, context } = log as RequestLine;
  if (req !== undefined && res !== undefined) {
    return `${String(req.method)} ${String(req.url)} ${String(res.statusCode)} ${String(responseTime)} ms`;
  }
  const message = String(log[messageKey]);
  return typeof context === 'string' ? `[${context}] ${message}` : message;
}

/**
 * Human-readable lines on stdout for a terminal (see chooseLogFormat), written synchronously in
 * this thread: they appear in the order they were logged, before whatever the process prints
 * next, and a function can format them (a transport's worker could not take one). stdout
 * unless given another stream.
 */
export function prettyLogStream(destination?: Writable): DestinationStream {
  return pinoPretty({
    sync: true,
    // Colours for a terminal; none when a test reads the lines.
    colorize: destination === undefined,
    ...(destination === undefined ? {} : { destination }),
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,req,res,responseTime,correlationId',
    messageFormat: formatMessage,
  });
}
