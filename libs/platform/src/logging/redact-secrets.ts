/** What every secret is replaced with in a log line. */
export const REDACTED = '[redacted]';

/** Query parameters a client may put a token in (OAuth's `access_token`, ...). */
const CREDENTIAL_PARAMETER =
  /^(access_token|id_token|refresh_token|token|jwt|auth|authorization|bearer|api_key|apikey|key|secret|password|code)$/i;

/**
 * A JWT wherever it appears (three base64url parts, the header starting `eyJ`, which is `{"`),
 * and a bearer credential after the word Bearer.
 */
const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const BEARER = /(bearer)(\s+|%20|\+)[^\s&;,"']+/gi;

/** Free text (a URL, a header, a message) with every token-shaped part replaced. */
export function redactSecrets(text: string): string {
  return text.replace(JWT, REDACTED).replace(BEARER, `$1$2${REDACTED}`);
}

/** A URL (path and query) with the values of credential parameters and every token redacted. */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return redactSecrets(url);
  const params = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // keep the raw name
      }
      return equals !== -1 && CREDENTIAL_PARAMETER.test(decoded) ? `${name}=${REDACTED}` : pair;
    });
  return redactSecrets(`${url.slice(0, query)}?${params.join('&')}`);
}
