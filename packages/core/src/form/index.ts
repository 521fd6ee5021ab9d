/**
 * Reads a number typed into a form the way people type it: `12,000`, `12.000` and `12 000` are twelve
 * thousand; `7500,50` and `7500.50` are decimals. Anything else is not a number (undefined).
 */
export function parseTypedNumber(text: string): number | undefined {
  const compact = text.trim().replace(/[\s\u00a0\u202f']/g, "");
  if (/^-?\d+$/.test(compact)) return Number(compact);
  if (/^-?\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(compact)) return Number(compact.replace(/[.,]/g, ""));
  if (/^-?\d+[.,]\d{1,2}$/.test(compact)) return Number(compact.replace(",", "."));
  return undefined;
}
