import { Controller, Get, Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { SignJWT } from 'jose';
import { loadConfig } from '../config/load-config';
import { ConfigModule } from '../config/config.module';
import { ErrorsModule } from '../errors/errors.module';
import type { ProblemDetails } from '../errors/problem-details';
import { AuthModule } from './auth.module';
import type { Caller } from './caller';
import { CurrentCaller } from './current-caller.decorator';
import { Public } from './public.decorator';
import type { Role } from './role';
import { Roles } from './roles.decorator';
import { signDevToken } from './sign-dev-token';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';

@Controller()
class TestController {
  @Public()
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Get('me')
  me(@CurrentCaller() caller: Caller): Caller {
    return caller;
  }

  @Roles('admin')
  @Get('admin')
  admin(): { admin: true } {
    return { admin: true };
  }
}

@Roles('auditor', 'admin')
@Controller('audit')
class AuditController {
  @Get()
  list(@CurrentCaller() caller: Caller): Caller {
    return caller;
  }
}

@Module({
  imports: [ConfigModule.forConfig(loadConfig({ JWT_SECRET: SECRET })), ErrorsModule, AuthModule],
  controllers: [TestController, AuditController],
})
class TestModule {}

describe('AuthGuard and RolesGuard', () => {
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

  const tokenFor = (role: Role, sub = `${role}-1`): Promise<string> =>
    signDevToken({ sub, role }, SECRET);

  async function get(url: string, authorization?: string) {
    const response = await app.inject({
      method: 'GET',
      url,
      headers: authorization ? { authorization } : {},
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.json<ProblemDetails & Caller>(),
    };
  }

  it('lets anyone reach a @Public() route', async () => {
    expect((await get('/health')).status).toBe(200);
  });

  it('answers 401 with WWW-Authenticate without a token', async () => {
    const response = await get('/me');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.body).toMatchObject({
      code: 'unauthorized',
      type: 'https://errors.sessions.example/unauthorized',
    });
  });

  it('answers 401 for a malformed header, a bad token, an expired token and an unknown role', async () => {
    const malformed = await get('/me', 'Basic abc');
    expect(malformed.status).toBe(401);
    expect(malformed.headers['www-authenticate']).toContain('error="invalid_request"');

    const bad = await get(
      '/me',
      `Bearer ${await signDevToken({ sub: 'x', role: 'admin' }, `${SECRET}!`)}`,
    );
    expect(bad.status).toBe(401);
    expect(bad.headers['www-authenticate']).toContain('error="invalid_token"');

    const expired = await get(
      '/me',
      `Bearer ${await signDevToken({ sub: 'x', role: 'admin', expiresIn: '-1m' }, SECRET)}`,
    );
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toBe('The token has expired');

    const unknownRole = await new SignJWT({ role: 'superuser' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    expect((await get('/me', `Bearer ${unknownRole}`)).status).toBe(401);
  });

  it('gives the handler the verified caller', async () => {
    const response = await get('/me', `bearer ${await tokenFor('professional', 'pro-42')}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ sub: 'pro-42', role: 'professional' });
  });

  it('answers 403 to a role not in @Roles, on a method or a controller', async () => {
    const professional = `Bearer ${await tokenFor('professional')}`;
    const forbidden = await get('/admin', professional);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({
      code: 'forbidden',
      type: 'https://errors.sessions.example/forbidden',
    });
    expect((await get('/audit', professional)).status).toBe(403);
    expect((await get('/admin', `Bearer ${await tokenFor('admin')}`)).status).toBe(200);
    expect((await get('/audit', `Bearer ${await tokenFor('auditor')}`)).body).toEqual({
      sub: 'auditor-1',
      role: 'auditor',
    });
  });

  it('checks the token (401) before the role (403)', async () => {
    expect((await get('/admin')).status).toBe(401);
  });
});
