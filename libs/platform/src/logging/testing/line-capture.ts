import { Writable } from 'node:stream';

/** Collects the JSON lines pino writes, for tests that read what was logged. */
export class LineCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  /** Every line as written, for searching text anywhere in it. */
  readonly raw: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      this.raw.push(line);
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }
}
