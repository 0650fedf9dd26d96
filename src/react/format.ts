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

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** A date and time as people read them (`Nov 23, 2026, 10:17 AM` in English), or `—` for none. */
export function formatDateTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (iso === '' || Number.isNaN(date.getTime())) return '—';
  let formatter = dateFormatters.get(locale ?? '');
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateFormatters.set(locale ?? '', formatter);
  }
  return formatter.format(date);
}

/**
 * An ETag short enough for a column: without quotes or `W/`, its first 8
 * characters, and a multipart ETag's part count (`1f3a9c2e…-3`).
 */
export function shortEtag(etag: string): string {
  const bare = unquoteEtag(etag);
  const parts = /-\d+$/.exec(bare)?.[0] ?? '';
  const hash = bare.slice(0, bare.length - parts.length);
  return hash.length > 10 ? `${hash.slice(0, 8)}…${parts}` : bare;
}

/** The ETag's value, without `W/` and the quotes around it. */
export function unquoteEtag(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}
