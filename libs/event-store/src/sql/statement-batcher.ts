import { isConnectionFailure } from './store-errors';

/** What a batcher runs: one input alone, or several as one statement. */
export interface BatchedStatement<I, O> {
  /** The most inputs one statement takes. */
  readonly maxBatchSize: number;
  /**
   * Inputs with the same key never share a statement (two appends to one stream would both
   * pass the version check of one snapshot): a later one waits for the statement holding the
   * earlier one, then joins a batch of its own, so they run in the order submitted. Without it,
   * any inputs may share one.
   */
  keyOf?(input: I): string;
  one(input: I): Promise<O>;
  /** One result per input, in the inputs' order. */
  many(inputs: readonly I[]): Promise<readonly O[]>;
}

interface Waiting<I, O> {
  readonly input: I;
  readonly resolve: (output: O) => void;
  readonly reject: (error: unknown) => void;
}

/** The inputs gathered for the next statement. */
class Batch<I, O> {
  readonly waiting: Waiting<I, O>[] = [];
  readonly keys = new Set<string>();
  /** Settles when every input of the batch has its outcome. */
  readonly settled: Promise<void>;
  markSettled: () => void = () => undefined;

  constructor() {
    this.settled = new Promise<void>((resolve) => {
      this.markSettled = resolve;
    });
  }
}

/**
 * Group commit for the hot statements: what concurrent commands submit while the process is
 * busy with one turn of its event loop goes to the database as one statement, sent in the next
 * turn (setImmediate, so an idle process waits for nothing). Every statement costs a round trip,
 * a parse of its parameters, a write on each side and, for a write, a commit; under load a batch
 * pays them once for all its inputs. Batches do not wait for each other: several are in flight
 * at once, one per pooled connection.
 *
 * A batch that fails runs each of its inputs alone, so that one input the database refuses (an
 * event id stored elsewhere, a text it cannot hold) fails only its own caller; a lost
 * connection fails them all at once instead.
 */
export class StatementBatcher<I, O> {
  private next = new Batch<I, O>();
  private scheduled = false;

  constructor(private readonly statement: BatchedStatement<I, O>) {}

  submit(input: I): Promise<O> {
    const batch = this.next;
    const key = this.statement.keyOf?.(input);
    if (key !== undefined && batch.keys.has(key)) {
      return batch.settled.then(() => this.submit(input));
    }
    return new Promise<O>((resolve, reject) => {
      batch.waiting.push({ input, resolve, reject });
      if (key !== undefined) batch.keys.add(key);
      if (batch.waiting.length >= this.statement.maxBatchSize) this.send();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.send());
      }
    });
  }

  private send(): void {
    this.scheduled = false;
    const batch = this.next;
    if (batch.waiting.length === 0) return;
    this.next = new Batch();
    void this.run(batch.waiting).finally(batch.markSettled);
  }

  private async run(waiting: readonly Waiting<I, O>[]): Promise<void> {
    const [only] = waiting;
    if (waiting.length === 1 && only) return this.alone(only);
    try {
      const outputs = await this.statement.many(waiting.map((each) => each.input));
      waiting.forEach((each, index) => each.resolve(outputs[index]));
    } catch (error) {
      if (isConnectionFailure(error)) waiting.forEach((each) => each.reject(error));
      else await Promise.all(waiting.map((each) => this.alone(each)));
    }
  }

  private async alone(waiting: Waiting<I, O>): Promise<void> {
    try {
      waiting.resolve(await this.statement.one(waiting.input));
    } catch (error) {
      waiting.reject(error);
    }
  }
}
