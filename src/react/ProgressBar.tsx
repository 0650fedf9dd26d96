import type { ReactElement } from 'react';
import { cx } from './class-names.js';

/** Props of {@link ProgressBar}. */
export interface ProgressBarProps {
  /** Whole percent, 0–100, as `uploadProgress` gives it. */
  value: number;
  /** The accessible name, naming what progresses ("Upload of cat.png"). */
  label: string;
  /** The accessible value text, when more telling than the percent. */
  valueText?: string;
  /** The id of an element that describes the bar, such as its upload's error. */
  describedBy?: string;
  /** Extra class for the track. */
  className?: string;
  /** Extra class for the fill. */
  barClassName?: string;
}

/** A labelled `role="progressbar"` that CSS can theme (the native `<progress>` is hard to style). */
export function ProgressBar({ value: percent, label, valueText, describedBy, className, barClassName }: ProgressBarProps): ReactElement {
  return (
    <div
      className={cx('r2u-progress', className)}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText}
      aria-describedby={describedBy}
    >
      <div className={cx('r2u-progress-bar', barClassName)} style={{ width: `${percent}%` }} />
    </div>
  );
}
