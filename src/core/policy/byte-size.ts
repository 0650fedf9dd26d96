/**
 * `1.5 MB`, `100 MB`, `812 bytes`: sizes as users read them (decimal units,
 * like file managers). Not localized: the server says it in the same words.
 */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0) return value === 1 ? '1 byte' : `${value} bytes`;
  return `${Number(value.toFixed(1))} ${units[unit]}`;
}
