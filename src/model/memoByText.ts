/**
 * A pure function of a string, remembered: the kubelet asks for the same few image references
 * and pod CIDRs on every container start, pull and sandbox. At most `limit` results are kept (the
 * texts come from manifests and scenarios, which may be adversarial); later ones are computed each
 * time. Callers only read the results.
 */
export function memoByText<T>(f: (text: string) => T, limit = 10_000): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (known.has(text)) return known.get(text)!;
    const value = f(text);
    if (known.size < limit) known.set(text, value);
    return value;
  };
}
