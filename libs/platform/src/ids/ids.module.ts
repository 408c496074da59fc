import { type DynamicModule, Module } from '@nestjs/common';
import { ID_GENERATOR, type IdGenerator } from './id-generator';
import { UuidGenerator } from './uuid-generator';

/** Provides the IdGenerator under ID_GENERATOR to the whole application. */
@Module({})
export class IdsModule {
  static forRoot(generator: IdGenerator = new UuidGenerator()): DynamicModule {
    return {
      module: IdsModule,
      global: true,
      providers: [{ provide: ID_GENERATOR, useValue: generator }],
      exports: [ID_GENERATOR],
    };
  }
}
