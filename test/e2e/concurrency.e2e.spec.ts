import type { Api } from './support/api-harness';
import { describeOnEveryStore } from './support/every-store';
import { cancelUrl, schedule } from './support/fixtures';
import { countOfType } from './support/store-queries';

jest.setTimeout(60_000);

describeOnEveryStore('concurrent commands', (api: () => Api) => {
  it('lets exactly one of 50 concurrent cancels of one session win; the others answer 409', async () => {
    const id = await schedule(api());
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        api().request({
          method: 'POST',
          url: cancelUrl(id),
          as: { role: 'professional', sub: 'pro-1' },
          body: { reason: index % 2 === 0 ? 'cancelled-by-client' : 'cancelled-by-professional' },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    const codes = new Set(
      answers.filter((a) => a.status === 409).map((a) => (a.body as { code: string }).code),
    );
    expect(
      [...codes].every((code) =>
        ['session-already-cancelled', 'concurrency-retries-exhausted'].includes(code),
      ),
    ).toBe(true);
    expect(await countOfType(api(), `session-${id}`, 'SessionCancelled')).toBe(1);
  });
});
