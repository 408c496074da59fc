import { isValidIdempotencyKey } from './idempotency-scope';

describe('Idempotency-Key format', () => {
  it.each(['a', '5d0c2a8e-3f7b-4c1e-9a51-2b6f0d9c7e11', 'x'.repeat(255)])('accepts %s', (key) => {
    expect(isValidIdempotencyKey(key)).toBe(true);
  });
  it.each(['', ' ', 'has space', 'x'.repeat(256), 'é'])('refuses %p', (key) => {
    expect(isValidIdempotencyKey(key)).toBe(false);
  });
});
