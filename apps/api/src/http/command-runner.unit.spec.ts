import { Command, type CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ClaimOutcome, CommandRequest, IdempotencyStore } from '@app/application';
import { SessionNotFoundError } from '@app/domain';
import { StoreUnavailableError, type JsonValue } from '@app/event-store';
import {
  ConcurrencyRetriesExhaustedError,
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  ManualClock,
} from '@app/platform';
import type { CommandCall } from './command-call.decorator';
import { CommandRunner, type CommandEndpoint } from './command-runner';
import { ok } from './http-answer';

class Noop extends Command<JsonValue> {}

/** A passthrough reply that keeps what the runner set on it. */
function fakeReply() {
  const sent = { status: 0, headers: {} as Record<string, string> };
  const reply = {
    status: (status: number) => {
      sent.status = status;
      return reply;
    },
    header: (name: string, value: string) => {
      sent.headers[name] = value;
      return reply;
    },
  };
  return { sent, reply: reply as unknown as FastifyReply };
}

/** An IdempotencyStore that answers a scripted claim and records what happens to the key. */
function runnerWith(outcome: ClaimOutcome, run: () => Promise<JsonValue>) {
  const calls: string[] = [];
  const records = {
    claim: () => Promise.resolve(outcome),
    completeRefusal: (_claim: unknown, refusal: { status: number }) => {
      calls.push(`refusal ${refusal.status}`);
      return Promise.resolve(true);
    },
    release: () => {
      calls.push('release');
      return Promise.resolve();
    },
  };
  const bus = {
    execute: () => {
      calls.push('run');
      return run();
    },
  };
  const runner = new CommandRunner(
    records as unknown as IdempotencyStore,
    bus as unknown as CommandBus,
    new ManualClock('2026-01-01T00:00:00Z'),
  );
  return { calls, runner };
}

const raw = { headers: { 'x-correlation-id': 'corr-7' } };
const request = {
  method: 'POST',
  url: '/x',
  body: {},
  headers: {},
  raw,
} as unknown as FastifyRequest;
const call = (idempotencyKey?: string): CommandCall => ({
  caller: { sub: 'pro-1', role: 'professional' },
  request,
  idempotencyKey,
  expectedVersion: undefined,
});
const endpoint: CommandEndpoint<JsonValue> = { command: () => new Noop(), answer: ok };
const claimed: ClaimOutcome = {
  kind: 'claimed',
  claim: { scope: { caller: 'pro-1', method: 'POST', path: '/x', key: 'k' }, token: 't' },
};

describe('CommandRunner', () => {
  it("gives the command the request's correlation id, for its events", async () => {
    const { runner } = runnerWith(claimed, () => Promise.resolve(null));
    const seen: CommandRequest[] = [];
    const recording: CommandEndpoint<JsonValue> = {
      command: (commandRequest) => {
        seen.push(commandRequest);
        return new Noop();
      },
      answer: ok,
    };
    await runner.run(call(), fakeReply().reply, recording);
    expect(seen.map((r) => r.correlationId)).toEqual(['corr-7']);
  });

  it('runs without a key and records nothing', async () => {
    const { calls, runner } = runnerWith(claimed, () => Promise.resolve({ a: 1 }));
    const { sent, reply } = fakeReply();
    await expect(runner.run(call(), reply, endpoint)).resolves.toEqual({ a: 1 });
    expect(calls).toEqual(['run']);
    expect(sent.headers).toEqual({});
  });

  it('replays a recorded result through the endpoint, marked as a replay, without running', async () => {
    const replay: ClaimOutcome = { kind: 'replay', outcome: { kind: 'result', result: { a: 1 } } };
    const { calls, runner } = runnerWith(replay, () => Promise.resolve({ a: 2 }));
    const { sent, reply } = fakeReply();
    await expect(runner.run(call('k'), reply, endpoint)).resolves.toEqual({ a: 1 });
    expect(calls).toEqual([]);
    expect(sent).toEqual({ status: 200, headers: { 'Idempotent-Replayed': 'true' } });
  });

  it('answers 422 for another body and 409 with Retry-After for a key in flight', async () => {
    const reused = runnerWith({ kind: 'reused' }, () => Promise.resolve(null));
    await expect(reused.runner.run(call('k'), fakeReply().reply, endpoint)).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    const busy = runnerWith(
      { kind: 'in-flight', leaseUntil: new Date('2026-01-01T00:00:20Z') },
      () => Promise.resolve(null),
    );
    const error = await busy.runner
      .run(call('k'), fakeReply().reply, endpoint)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyKeyInFlightError);
    expect((error as IdempotencyKeyInFlightError).headers()).toEqual({ 'Retry-After': '20' });
  });

  it('records a refusal (4xx) as the problem it answers, and answers it', async () => {
    const { calls, runner } = runnerWith(claimed, () =>
      Promise.reject(new SessionNotFoundError('s')),
    );
    const { sent, reply } = fakeReply();
    const body = (await runner.run(call('k'), reply, endpoint)) as { code: string };
    expect(calls).toEqual(['run', 'refusal 404']);
    expect(sent.status).toBe(404);
    expect(sent.headers['content-type']).toBe('application/problem+json');
    expect(body.code).toBe('session-not-found');
  });

  it.each([
    ['the store is unavailable (503)', new StoreUnavailableError('down')],
    ['a bug (500)', new TypeError('bug')],
    ['concurrency retries ran out', new ConcurrencyRetriesExhaustedError('s', 5)],
  ])('frees the key and leaves the answer to the filter when %s', async (_name, failure) => {
    const { calls, runner } = runnerWith(claimed, () => Promise.reject(failure));
    await expect(runner.run(call('k'), fakeReply().reply, endpoint)).rejects.toBe(failure);
    expect(calls).toEqual(['run', 'release']);
  });
});
