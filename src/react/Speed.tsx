'use client';

import type { ReactElement } from 'react';
import type { UploadProgress } from '../core/engine/progress.js';
import { cx } from './class-names.js';
import { useR2Text } from './messages-context.js';

/** Props of {@link Speed}. */
export interface SpeedProps {
  /** A row's or the whole uploader's progress; nothing shows until it has a speed. */
  progress: Pick<UploadProgress, 'bytesPerSecond' | 'secondsLeft'>;
  className?: string | undefined;
}

/** "3.2 MB/s · 12 sec left", in the locale's words and units. */
export function Speed({ progress: { bytesPerSecond, secondsLeft }, className }: SpeedProps): ReactElement | null {
  const t = useR2Text();
  if (bytesPerSecond === undefined) return null;
  return <span className={cx('r2u-speed', className)}>{t.speed(t.rate(bytesPerSecond), secondsLeft === undefined ? undefined : t.duration(secondsLeft))}</span>;
}
