import { Writable } from 'node:stream';
import pino from 'pino';
import { prettyLogStream } from './pretty-log-stream';

class TextCapture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

describe('prettyLogStream', () => {
  it('writes a request as one short line, and other records as [context] message', () => {
    const capture = new TextCapture();
    const log = pino({ level: 'info' }, prettyLogStream(capture));
    log.info(
      {
        req: { id: 'c-1', method: 'POST', url: '/api/v1/sessions' },
        res: { statusCode: 201 },
        responseTime: 12,
        correlationId: 'c-1',
      },
      'request completed',
    );
    log.warn({ context: 'Start' }, 'KAFKA_BROKERS is not set');
    const lines = capture.text.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: POST \/api\/v1\/sessions 201 12 ms$/,
    );
    expect(lines[1]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: \[Start\] KAFKA_BROKERS is not set$/,
    );
  });
});
