/**
 * fn with its answers kept per key, for pure work that repeats on hot paths (splitting the same Thai text again).
 * Bounded: emptied when it holds `max` keys, so memory stays flat whatever the input.
 */
export function boundedMemo<V>(max: number, fn: (key: string) => V): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    let v = kept.get(key);
    if (v === undefined) {
      if (kept.size >= max) kept.clear();
      kept.set(key, (v = fn(key)));
    }
    return v;
  };
}
