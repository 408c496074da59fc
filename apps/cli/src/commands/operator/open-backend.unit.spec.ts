import { openOperatorBackend } from './open-backend';

describe('which way the CLI reaches the data', () => {
  it('goes through the running app when an embedded one answers on PORT', async () => {
    const probed: string[] = [];
    const backend = await openOperatorBackend({ PORT: '3999' }, (url) => {
      probed.push(url);
      return Promise.resolve(true);
    });
    expect(probed).toEqual(['http://127.0.0.1:3999']);
    expect(backend.description).toBe(
      'through the running app at http://127.0.0.1:3999 (it holds the embedded store)',
    );
    await backend.close();
  });

  it('opens the DATA_DIR folder itself only when no app answers, and says so when it is empty', async () => {
    await expect(
      openOperatorBackend({ DATA_DIR: '/nonexistent/cli-test', PORT: '3998' }, () =>
        Promise.resolve(false),
      ),
    ).rejects.toThrow(
      'no app answers on port 3998 and /nonexistent/cli-test/pglite holds no embedded store',
    );
  });
});
