import { redactSecrets, redactUrl } from './redact-secrets';

const JWT =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwcm8tMSIsInJvbGUiOiJhZG1pbiJ9.c2lnbmF0dXJlLXBhcnQtaGVyZQ';

describe('redacting secrets from what is logged', () => {
  it('replaces a JWT anywhere in free text, and a bearer credential', () => {
    expect(redactSecrets(`token ${JWT} here`)).toBe('token [redacted] here');
    expect(redactSecrets('Authorization: Bearer abc.def')).toBe('Authorization: Bearer [redacted]');
    expect(redactSecrets('/api/v1/sessions/s-1')).toBe('/api/v1/sessions/s-1');
  });

  it('redacts credential parameters of a URL, keeping the others', () => {
    expect(redactUrl(`/api/v1/calendar?from=2026-06-01T00:00:00Z&access_token=${JWT}`)).toBe(
      '/api/v1/calendar?from=2026-06-01T00:00:00Z&access_token=[redacted]',
    );
    expect(redactUrl('/x?token=opaque-secret&Token=again&api_key=k&page=2')).toBe(
      '/x?token=[redacted]&Token=[redacted]&api_key=[redacted]&page=2',
    );
    expect(redactUrl(`/x?q=${JWT}`)).toBe('/x?q=[redacted]');
    expect(redactUrl(`/x/${JWT}`)).toBe('/x/[redacted]');
    expect(redactUrl('/x?%ff=1')).toBe('/x?%ff=1');
  });
});
