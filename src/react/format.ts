const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

const cached = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** Formats `value` with one formatter per kind and locale: building them is slow, and a row formats on every tick. */
function formatWith(kind: string, locale: string | undefined, make: () => Intl.NumberFormat | Intl.DateTimeFormat, value: number): string {
  const key = `${kind}|${locale ?? ''}`;
  let format = cached.get(key);
  if (!format) cached.set(key, (format = make()));
  return format.format(value);
}

/** `bytes` in the largest decimal unit that keeps it under 1,000 as shown (999.95 kB is "1 MB", not "1,000 kB"). */
function scaled(bytes: number): { value: number; unit: (typeof UNITS)[number] } {
  let value = Math.max(0, bytes);
  let index = 0;
  while (index < UNITS.length - 1 && Math.round(value * 10) / 10 >= 1000) {
    value /= 1000;
    index += 1;
  }
  return { value, unit: UNITS[index] ?? 'byte' };
}

/**
 * A human-readable size in decimal units (1 kB = 1,000 bytes), localized with
 * `Intl.NumberFormat`: `formatBytes(1536000)` is `"1.5 MB"` in English.
 */
export function formatBytes(bytes: number, locale?: string): string {
  const { value, unit } = scaled(bytes);
  const long = unit === 'byte';
  return formatWith(unit, locale, () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: long ? 'long' : 'short', maximumFractionDigits: long ? 0 : 1 }), value);
}

/** A speed in decimal units per second, localized: `formatRate(3_240_000)` is `"3.2 MB/s"` in English. */
export function formatRate(bytesPerSecond: number, locale?: string): string {
  const { value, unit } = scaled(bytesPerSecond);
  const perSecond = `${unit}-per-second`;
  return formatWith(perSecond, locale, () => new Intl.NumberFormat(locale, { style: 'unit', unit: perSecond, unitDisplay: 'short', maximumFractionDigits: unit === 'byte' ? 0 : 1 }), value);
}

/**
 * A time left, localized and as precise as it is worth: seconds under a
 * minute, whole minutes under an hour, then hours to a tenth (`12 sec`,
 * `3 min`, `1.5 hr` in English). `coarse` rounds seconds up to tens and
 * writes units out in full, for a sentence read aloud ("about 20 seconds").
 */
export function formatDuration(seconds: number, locale?: string, coarse = false): string {
  const whole = Math.max(1, Math.ceil(seconds));
  const [value, unit] = whole < 60 ? [coarse ? Math.min(60, Math.ceil(whole / 10) * 10) : whole, 'second'] : whole < 3600 ? [Math.round(whole / 60), 'minute'] : [Math.round(whole / 360) / 10, 'hour'];
  const display = coarse ? 'long' : 'short';
  return formatWith(`${unit}|${display}`, locale, () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: display, maximumFractionDigits: 1 }), value);
}

/** A date and time in the locale (`Nov 23, 2026, 10:17 AM` in English), or `—` for none. */
export function formatDateTime(iso: string, locale?: string): string {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(time) ? '—' : formatWith('date', locale, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }), time);
}

/** A whole percent (0–100) as the locale writes it: `50%` in English, `50 %` in German. */
export function formatPercent(value: number, locale?: string): string {
  return formatWith('percent', locale, () => new Intl.NumberFormat(locale, { style: 'percent' }), value / 100);
}

/** A count as the locale writes it: `1,000` in English, `1.000` in German. */
export function formatCount(value: number, locale?: string): string {
  return formatWith('count', locale, () => new Intl.NumberFormat(locale), value);
}

/** An ETag short enough for a column: its value's first 8 characters (`1f3a9c2e…`). */
export function shortEtag(etag: string): string {
  const bare = unquoteEtag(etag);
  return bare.length > 9 ? `${bare.slice(0, 8)}…` : bare;
}

/** The ETag's value, without `W/` and the quotes around it. */
export function unquoteEtag(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}
