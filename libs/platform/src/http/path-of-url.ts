/** The path of a request URL without its query string: queries may hold data that does not belong in logs or problems. */
export function pathOfUrl(url: string | undefined): string {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}
