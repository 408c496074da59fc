import { parse, protocol, type PGlite } from '@electric-sql/pglite';

/** What Parse and Describe told us of a statement: its name, parameter types, row shape. */
interface PreparedStatement {
  readonly name: string;
  readonly parameterTypes: readonly number[];
  /** The statement's RowDescription, or undefined when it returns no rows. */
  readonly rowDescription: ProtocolMessage | undefined;
}

type ProtocolMessage = Awaited<ReturnType<PGlite['execProtocol']>>['messages'][number];

/** Names unique in the process: several instances may share one PGlite (and its namespace). */
let statementSequence = 0;

function concatenated(messages: readonly Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(messages.reduce((length, message) => length + message.length, 0));
  let offset = 0;
  for (const message of messages) {
    whole.set(message, offset);
    offset += message.length;
  }
  return whole;
}

/**
 * Named prepared statements on PGlite, which `pglite.query` does not offer: it parses, describes
 * and plans every statement on every call (six protocol exchanges), and planning is most of what
 * the store's statements cost in WebAssembly (the event store's read of three streams: about
 * 0.85 ms of 1.5 ms). Here a statement is parsed and described once; each call is one exchange of
 * Bind, Execute and Sync, and PostgreSQL keeps its plan. The same idea as the PostgreSQL adapter's
 * named statements. At most `capacity` statements are kept, the least recently used closed first,
 * so SQL built at run time cannot fill the backend's memory.
 *
 * The caller serialises access (PgliteDatabase's mutex): PGlite is one connection.
 */
export class PglitePreparedStatements {
  private readonly statements = new Map<string, PreparedStatement>();

  constructor(
    private readonly pglite: PGlite,
    private readonly capacity = 256,
  ) {}

  async query<R extends object>(text: string, params: readonly unknown[]): Promise<R[]> {
    // What pglite.query says of a closed database (the store's errors call it unavailable);
    // execProtocol would fail on the module it has released instead.
    if (this.pglite.closed) throw new Error('PGlite is closed');
    const statement = await this.prepared(text);
    const values = params.map((value, index) => this.serialized(statement, index, value));
    const { messages } = await this.pglite.execProtocol(
      concatenated([
        protocol.serialize.bind({ statement: statement.name, values }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]),
    );
    // Execute sends rows without their description: the one from Describe comes first.
    const described = statement.rowDescription ? [statement.rowDescription, ...messages] : messages;
    return (parse.parseResults(described, this.pglite.parsers)[0]?.rows ?? []) as R[];
  }

  private serialized(statement: PreparedStatement, index: number, value: unknown): string | null {
    if (value === null || value === undefined) return null;
    const type = statement.parameterTypes[index];
    const serializer = type === undefined ? undefined : this.pglite.serializers[type];
    if (serializer) return serializer(value);
    // A type PGlite has no serializer for: as text, an object as JSON rather than '[object Object]'.
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
      return String(value);
    }
    return JSON.stringify(value);
  }

  private async prepared(text: string): Promise<PreparedStatement> {
    const known = this.statements.get(text);
    if (known) {
      // Most recently used last: the map's first entry is the one to close.
      this.statements.delete(text);
      this.statements.set(text, known);
      return known;
    }
    if (this.statements.size >= this.capacity) await this.closeLeastRecentlyUsed();
    statementSequence += 1;
    const name = `stmt_${statementSequence}`;
    // An error (bad SQL) throws here, after Sync has ended the exchange: nothing is cached.
    const { messages } = await this.pglite.execProtocol(
      concatenated([
        protocol.serialize.parse({ name, text }),
        protocol.serialize.describe({ type: 'S', name }),
        protocol.serialize.sync(),
      ]),
    );
    const statement: PreparedStatement = {
      name,
      parameterTypes: parse.parseDescribeStatementResults(messages),
      rowDescription: messages.find((message) => message.name === 'rowDescription'),
    };
    this.statements.set(text, statement);
    return statement;
  }

  private async closeLeastRecentlyUsed(): Promise<void> {
    const [text, statement] = this.statements.entries().next().value ?? [];
    if (text === undefined || statement === undefined) return;
    this.statements.delete(text);
    await this.pglite.execProtocol(
      concatenated([
        protocol.serialize.close({ type: 'S', name: statement.name }),
        protocol.serialize.sync(),
      ]),
    );
  }
}
