/**
 * The known name a mistyped one was most likely meant to be (pure): used wherever an unknown
 * input, setting, argument or distribution is refused, so every message suggests the same way.
 */

/** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** True when every letter of `short` appears in `long` in order (`memorymb` in `memorystartupmb`). */
function isSubsequence(short: string, long: string): boolean {
  let at = 0;
  for (const letter of long) if (letter === short[at]) at++;
  return at === short.length;
}

/**
 * The name in `known` closest to `name` (case-insensitive): a misspelling (a few edits away) or a
 * shortened or lengthened form (one's letters in order in the other, same first letter, at least
 * four letters); `undefined` when none is close.
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of known) {
    const other = candidate.toLowerCase();
    const distance = editDistance(wanted, other);
    const [short, long] = wanted.length <= other.length ? [wanted, other] : [other, wanted];
    const close =
      distance <= Math.max(2, Math.floor(wanted.length / 3)) ||
      (short.length >= 4 && short[0] === long[0] && isSubsequence(short, long));
    if (close && distance < wanted.length && (!best || distance < best.distance))
      best = { candidate, distance };
  }
  return best?.candidate;
}

/** `"; did you mean <nearest>?"` for a message, or `""` when no known name is close. */
export function didYouMean(name: string, known: readonly string[]): string {
  const nearest = nearestName(name, known);
  return nearest === undefined ? "" : `; did you mean ${nearest}?`;
}
