import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { AuthGuard } from './auth.guard';
import { RolesGuard } from './roles.guard';
import { TokenVerifier } from './token-verifier';

/**
 * Authentication for the whole application: the TokenVerifier built from the configuration and
 * the two global guards, AuthGuard (401) before RolesGuard (403), in that order as docs/product.md's
 * check order requires. Needs ConfigModule.
 */
@Module({
  providers: [
    {
      provide: TokenVerifier,
      useFactory: (config: AppConfig) => new TokenVerifier(config.jwt),
      inject: [APP_CONFIG],
    },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
