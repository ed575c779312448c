/**
 * A file repeats the same few values in a column (stages, sources, conversion titles) on
 * thousands of rows: each is read once. The cache stops growing at a bound, so a column of
 * distinct values costs only the reading it always did. A key is kept as a copy: a cell is a
 * slice of the file's text, and would keep the whole text alive after the import.
 */
export function remembered<T>(read: (value: string) => T, limit = 10_000): (value: string) => T {
  const cache = new Map<string, T>();
  return (value) => {
    let answer = cache.get(value);
    if (answer === undefined && !cache.has(value)) {
      answer = read(value);
      if (cache.size < limit) cache.set(Buffer.from(value).toString(), answer);
    }
    return answer as T;
  };
}
