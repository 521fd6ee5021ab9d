/**
 * Hiding small groups in a report's breakdowns (by country, by target group), as statistics offices do. Pure:
 * counts in, what a reader may see out.
 *
 * 1. Primary suppression: a cell under 5 reads `<5`. A cell of 0 is left out: it names nobody, and listing it
 *    would only say which countries nobody applied from.
 * 2. Complementary suppression: a reader who knows a breakdown's total and every shown cell can work out a
 *    single hidden cell by subtraction (or several hidden cells whose sum only fits one way, such as two
 *    cells adding up to 2), so while that is so the smallest shown cell (ties by key, so the answer is
 *    stable) is hidden too, until at least two cells are hidden or none. Such a cell also reads `<5`: `<5` means "hidden", and
 *    labelling the protecting cell differently would point at the protected one.
 * 3. Where nothing is left to hide and the hidden cells can still be worked out (one cell that is the whole
 *    breakdown; or cells that are all 1, or all 4, where the total is as small or as large as `<5` cells
 *    allow), the whole breakdown is withheld (empty): listing it would say, for example, "one person from
 *    each of these two countries".
 * 4. Shown counts are rounded to the nearest 5 (there are no ties: a whole number over 5 never ends in .5).
 *
 * Which total a breakdown is compared against:
 * - country: every submission has one country, so the cells add up to the year's submissions, which the
 *   report shows exactly (`months[].submitted`). The total is known.
 * - target group: a submission may name several groups, so the cells add up to no figure in the report. But
 *   when most submissions name one group the sum is close to `submitted`, and a reader may know how many
 *   groups people usually name; so target groups are treated as if their total were known too. It costs at
 *   most one more hidden cell and never relies on a reader not knowing something.
 * Both breakdowns therefore go through the same rule below.
 */

/** A breakdown cell as shown. */
export type Shown = number | "<5";

/** Cells under this are hidden. */
export const threshold = 5;

/** Rounds a shown count to the nearest 5. */
export const roundToFive = (count: number): number => Math.round(count / 5) * 5;

/** Whether a reader who knows the total could work out the hidden cells, with nothing more to hide. */
function derivable(hidden: { count: number; primary: boolean }[]): boolean {
  if (hidden.length === 1) return true;
  // Only cells that really are under 5: a hidden cell of 5 or more breaks a reader's arithmetic on `<5`.
  if (!hidden.every((cell) => cell.primary)) return false;
  const sum = hidden.reduce((total, cell) => total + cell.count, 0);
  return sum === hidden.length || sum === (threshold - 1) * hidden.length;
}

/**
 * What a reader sees of one breakdown: cells under 5 and their complements as `<5`, the rest rounded to the
 * nearest 5; keys in the input's order. Empty when the hidden cells could not be protected.
 */
export function suppress(cells: Record<string, number>): Record<string, Shown> {
  const present = Object.entries(cells).filter(([, count]) => count > 0);
  const hidden = new Map<string, { count: number; primary: boolean }>();
  for (const [key, count] of present) if (count < threshold) hidden.set(key, { count, primary: true });

  if (hidden.size > 0) {
    const shown = present.filter(([key]) => !hidden.has(key)).sort(([a, x], [b, y]) => x - y || a.localeCompare(b));
    while (shown.length > 0 && derivable([...hidden.values()])) {
      const [key, count] = shown.shift()!;
      hidden.set(key, { count, primary: false });
    }
    if (shown.length === 0 && derivable([...hidden.values()])) return {};
  }

  return Object.fromEntries(
    present.map(([key, count]) => [key, hidden.has(key) ? "<5" : roundToFive(count)] as [string, Shown]),
  );
}
