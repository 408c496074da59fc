/**
 * The value of the sample of `name` whose labels include every one given (label order in the
 * text format is not fixed: prom-client puts default labels first in histograms, last in
 * counters). NaN when there is none, more than one being an error of the caller.
 */
export function sampleValue(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const matches = text.split('\n').filter((line) => {
    if (!line.startsWith(`${name}{`)) return false;
    const labelText = line.slice(name.length + 1, line.lastIndexOf('}'));
    const present = new Set(labelText.split(/,(?=\w+=")/));
    return wanted.every((pair) => present.has(pair));
  });
  if (matches.length > 1)
    throw new Error(`${matches.length} samples of ${name} match ${wanted.join(',')}`);
  return matches.length === 0 ? NaN : Number(matches[0].slice(matches[0].lastIndexOf(' ') + 1));
}
