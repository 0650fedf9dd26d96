'use client';

import { createContext, useContext, useMemo, type ReactElement, type ReactNode } from 'react';
import type { R2UploadError } from '../core/errors/upload-error.js';
import { formatBytes, formatCount, formatDateTime, formatDuration, formatPercent, formatRate } from './format.js';
import { en, type R2Messages } from './messages.js';

/**
 * Overrides for {@link R2Messages}: any subset, and any subset of its nested
 * tables (`status`, `action`, `columns`, `errors`). What is left out keeps its
 * default, or the value of a provider further up.
 */
export type R2MessagesOverrides = {
  [K in keyof R2Messages]?: R2Messages[K] extends (...args: never[]) => unknown ? R2Messages[K] : R2Messages[K] extends object ? Partial<R2Messages[K]> : R2Messages[K];
};

/** The messages in force, with the formatters of their locale. */
export interface R2Text extends R2Messages {
  /** The `Intl` locale; `undefined` is the browser's. */
  locale: string | undefined;
  /** A whole percent (0–100) as the locale writes it: `50%`, `50 %`. */
  percent: (value: number) => string;
  bytes: (value: number) => string;
  /** Bytes per second: `3.2 MB/s`. */
  rate: (bytesPerSecond: number) => string;
  /** A time left: `12 sec`, `3 min`; `coarse` for speech (`20 seconds`). */
  duration: (seconds: number, coarse?: boolean) => string;
  /** A count as the locale writes it: `1,000`, `1.000`. */
  count: (value: number) => string;
  /** An ISO date and time, or `—` for none. */
  date: (iso: string) => string;
  /** What a row says about an error: the summary for its code or reason, else its message. */
  error: (error: R2UploadError) => string;
}

const NESTED = ['status', 'action', 'columns', 'errors'] as const;

/** `base` with `overrides` applied, formatting for `locale` (default: `base`'s). */
export function resolveText(base: R2Messages, overrides: R2MessagesOverrides = {}, locale?: string): R2Text {
  const merged = { ...base, ...overrides } as R2Messages;
  for (const key of NESTED) (merged as unknown as Record<string, object>)[key] = { ...base[key], ...overrides[key] };
  return {
    ...merged,
    locale,
    percent: (value) => formatPercent(value, locale),
    bytes: (value) => formatBytes(value, locale),
    rate: (value) => formatRate(value, locale),
    duration: (seconds, coarse) => formatDuration(seconds, locale, coarse),
    count: (value) => formatCount(value, locale),
    date: (iso) => formatDateTime(iso, locale),
    // A `validate` refusal carries the app's own words.
    error: (error) =>
      (error.reason === 'validation_failed' ? undefined : ((error.reason && merged.errors[error.reason]) ?? merged.errors[error.code])) ?? error.message,
  };
}

const TextContext = /* @__PURE__ */ createContext<R2Text>(/* @__PURE__ */ resolveText(en));

/** Props of {@link R2MessagesProvider}. */
export interface R2MessagesProviderProps {
  /** Messages to use below, over those of any provider above (partial is fine). */
  messages?: R2MessagesOverrides | undefined;
  /** The locale sizes, dates and percents are formatted for (`de`, `fr-CA`); default: the one above, else the browser's. */
  locale?: string | undefined;
  children?: ReactNode;
}

/**
 * Sets the words and the locale of every r2-uploader component below it.
 *
 * @example
 * import { de } from 'r2-uploader/locales/de';
 * <R2MessagesProvider messages={de} locale="de"><R2Uploader endpoint="/api/upload" /></R2MessagesProvider>
 */
export function R2MessagesProvider({ messages, locale, children }: R2MessagesProviderProps): ReactElement {
  const outer = useContext(TextContext);
  const text = useMemo(() => resolveText(outer, messages, locale ?? outer.locale), [outer, messages, locale]);
  return <TextContext.Provider value={text}>{children}</TextContext.Provider>;
}

/** The messages and formatters in force: those of the nearest `R2MessagesProvider`, else English. */
export function useR2Text(): R2Text {
  return useContext(TextContext);
}
