import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DomainError, type DomainErrorCategory } from '@app/domain';
import { StoreUnavailableError } from '@app/event-store';
import { ErrorsModule } from './errors.module';
import { type ProblemDetails } from './problem-details';

// Fastify adds the charset to a string payload.
const PROBLEM_CONTENT_TYPE_PATTERN = /^application\/problem\+json(; charset=utf-8)?$/;

class ChargeDto {
  @IsIn(['card', 'invoice', 'external', 'sponsored-credits'])
  method!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  amountMinor?: number;
}

class CancelDto {
  @IsIn(['cancelled-by-professional', 'cancelled-by-client', 'client-no-show', 'other'])
  reason!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ChargeDto)
  charge?: ChargeDto;

  @IsOptional()
  @IsBoolean()
  notifyClient?: boolean;
}

class CategoryError extends DomainError {
  readonly code = 'category-error';
  constructor(readonly category: DomainErrorCategory) {
    super(`a ${category} refusal`);
  }
}

@Controller('test')
class TestController {
  @Post('cancel')
  cancel(@Body() body: CancelDto): { ok: true; isDto: boolean } {
    return { ok: true, isDto: body instanceof CancelDto };
  }

  @Get('domain/:category')
  domain(@Param('category') category: DomainErrorCategory): never {
    throw new CategoryError(category);
  }

  @Get('store-down')
  storeDown(): never {
    throw new StoreUnavailableError('ECONNREFUSED 10.0.0.1:5432');
  }

  @Get('bug')
  bug(): never {
    throw new TypeError('Cannot read properties of undefined (reading "secret")');
  }
}

@Module({ imports: [ErrorsModule], controllers: [TestController] })
class TestModule {}

describe('ProblemDetailsFilter on Fastify', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [TestModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
      logger: false,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  async function call(
    method: 'GET' | 'POST',
    url: string,
    payload?: string,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ): Promise<{ status: number; headers: Record<string, unknown>; body: ProblemDetails }> {
    const response = await app.inject({ method, url, payload, headers });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.json<ProblemDetails>(),
    };
  }

  it('accepts a valid body as its DTO', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/test/cancel',
      payload: { reason: 'other', note: 'x', charge: { method: 'card', amountMinor: 100 } },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ ok: true, isDto: true });
  });

  it('answers a 400 problem naming every bad field, nested and unknown ones included', async () => {
    const { status, headers, body } = await call(
      'POST',
      '/test/cancel',
      JSON.stringify({
        reason: 'bored',
        note: 'n'.repeat(501),
        charge: { method: 'cash', amountMinor: 0, extra: 1 },
        notifyClient: 'yes',
        unknown: true,
      }),
    );
    expect(status).toBe(400);
    expect(headers['content-type']).toMatch(PROBLEM_CONTENT_TYPE_PATTERN);
    expect(body).toMatchObject({
      type: 'https://errors.sessions.example/validation-failed',
      status: 400,
      code: 'validation-failed',
      instance: '/test/cancel',
    });
    expect(body.errors?.map((e) => e.field).sort()).toEqual(
      [
        'charge.amountMinor',
        'charge.extra',
        'charge.method',
        'note',
        'notifyClient',
        'reason',
        'unknown',
      ].sort(),
    );
  });

  it('answers malformed JSON, an empty JSON body and a non-object body with 400 problems', async () => {
    const malformed = await call('POST', '/test/cancel', '{"reason": ');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toMatch(PROBLEM_CONTENT_TYPE_PATTERN);
    expect(malformed.body).toMatchObject({ status: 400, code: 'bad-request', errors: [] });

    const empty = await call('POST', '/test/cancel', '');
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('bad-request');

    const noBody = await call('POST', '/test/cancel', undefined, {});
    expect(noBody.status).toBe(400);
    expect(noBody.body.errors?.map((e) => e.field)).toEqual(['reason']);

    const text = await call('POST', '/test/cancel', 'hello', { 'content-type': 'text/plain' });
    expect(text.status).toBe(400);
    expect(text.body.code).toBe('validation-failed');

    const array = await call('POST', '/test/cancel', '[1]');
    expect(array.status).toBe(400);
  });

  it('answers an unsupported media type with a problem, not a 500', async () => {
    const xml = await call('POST', '/test/cancel', '<a/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(415);
    expect(xml.headers['content-type']).toMatch(PROBLEM_CONTENT_TYPE_PATTERN);
    expect(xml.body.code).toBe('unsupported-media-type');
  });

  it.each<[DomainErrorCategory, number]>([
    ['invalid', 400],
    ['not-found', 404],
    ['gone', 410],
    ['conflict', 409],
    ['precondition', 412],
    ['rule', 422],
  ])('answers a thrown %s domain error with %i', async (category, status) => {
    const response = await call('GET', `/test/domain/${category}?secret=1`);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(PROBLEM_CONTENT_TYPE_PATTERN);
    expect(response.body).toMatchObject({
      status,
      code: 'category-error',
      type: 'https://errors.sessions.example/category-error',
      detail: `a ${category} refusal`,
      instance: `/test/domain/${category}`,
    });
  });

  it('answers an unavailable store with 503 and Retry-After', async () => {
    const response = await call('GET', '/test/store-down');
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(JSON.stringify(response.body)).not.toContain('ECONNREFUSED');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await call('GET', '/nowhere');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(PROBLEM_CONTENT_TYPE_PATTERN);
    expect(response.body.code).toBe('not-found');
  });

  it('answers an unexpected error with a generic 500 problem', async () => {
    const response = await call('GET', '/test/bug');
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toMatch(PROBLEM_CONTENT_TYPE_PATTERN);
    expect(response.body).toEqual({
      type: 'https://errors.sessions.example/internal-error',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred',
      instance: '/test/bug',
      code: 'internal-error',
    });
  });
});
