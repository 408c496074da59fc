import { chooseLogFormat } from './log-format';

describe('chooseLogFormat', () => {
  it('is pretty only at a terminal outside production', () => {
    expect(chooseLogFormat({ isTty: true, nodeEnv: 'development' })).toBe('pretty');
    expect(chooseLogFormat({ isTty: true, nodeEnv: 'production' })).toBe('json');
    expect(chooseLogFormat({ isTty: false, nodeEnv: 'development' })).toBe('json');
  });
});
