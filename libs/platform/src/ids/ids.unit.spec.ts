import { Test } from '@nestjs/testing';
import { ID_GENERATOR, type IdGenerator } from './id-generator';
import { IdsModule } from './ids.module';
import { SequentialIdGenerator } from './sequential-id-generator';
import { UuidGenerator } from './uuid-generator';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('id generators', () => {
  it('UuidGenerator gives distinct version 4 UUIDs', () => {
    const generator = new UuidGenerator();
    const ids = Array.from({ length: 100 }, () => generator.next());
    expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(100);
  });

  it('SequentialIdGenerator counts up with valid UUIDs', () => {
    const generator = new SequentialIdGenerator();
    expect([generator.next(), generator.next()]).toEqual([
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
    ]);
    expect(UUID_V4.test(generator.next())).toBe(true);
  });

  it('IdsModule provides UUIDs by default, or the given generator', async () => {
    const byDefault = await Test.createTestingModule({ imports: [IdsModule.forRoot()] }).compile();
    expect(byDefault.get<IdGenerator>(ID_GENERATOR)).toBeInstanceOf(UuidGenerator);
    const sequential = new SequentialIdGenerator();
    const pinned = await Test.createTestingModule({
      imports: [IdsModule.forRoot(sequential)],
    }).compile();
    expect(pinned.get<IdGenerator>(ID_GENERATOR)).toBe(sequential);
  });
});
