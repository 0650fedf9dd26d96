const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(locale: string | undefined, unit: (typeof UNITS)[number]): Intl.NumberFormat {
  const cacheKey = `${locale ?? ''}|${unit}`;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit,
      unitDisplay: unit === 'byte' ? 'long' : 'short',
      maximumFractionDigits: unit === 'byte' ? 0 : 1,
    });
    formatters.set(cacheKey, formatter);
  }
  return formatter;
}

/**
 * A human-readable size in decimal units (1 kB = 1,000 bytes), localized with
 * `Intl.NumberFormat`: `formatBytes(1536000)` is `"1.5 MB"` in English.
 */
export function formatBytes(bytes: number, locale?: string): string {
  let value = Math.max(0, bytes);
  let index = 0;
  while (value >= 1000 && index < UNITS.length - 1) {
    value /= 1000;
    index += 1;
  }
  // 999.95 kB would round to "1,000 kB": show "1 MB" instead.
  if (index > 0 && index < UNITS.length - 1 && Math.round(value * 10) / 10 >= 1000) {
    value /= 1000;
    index += 1;
  }
  return formatterFor(locale, UNITS[index] ?? 'byte').format(value);
}

let dateFormat: Intl.DateTimeFormat | undefined;

/** A date and time in the reader's locale (`Nov 23, 2026, 10:17 AM` in English), or `—` for none. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (iso === '' || Number.isNaN(date.getTime())) return '—';
  dateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return dateFormat.format(date);
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
