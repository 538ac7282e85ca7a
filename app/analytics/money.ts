// Revenue is stored in the currency's minor units (an integer: sums never drift), and shown in major units.
const KNOWN = new Set(Intl.supportedValuesOf("currency"));
const factors = new Map<string, number>();

/** Minor units per major unit of an ISO 4217 code (JPY 1, EUR 100, KWD 1,000); undefined for a code Intl does not know. */
export function minorUnitsPerMajor(currency: string): number | undefined {
  if (!KNOWN.has(currency)) return undefined;
  let factor = factors.get(currency);
  if (factor === undefined) {
    const { maximumFractionDigits } = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions();
    factor = 10 ** (maximumFractionDigits ?? 2);
    factors.set(currency, factor);
  }
  return factor;
}
