'use client';

import type { ReactElement, ReactNode } from 'react';
import { cx } from './class-names.js';
import { useR2Text } from './messages-context.js';
import { useR2Dropzone, type UseR2DropzoneOptions } from './use-r2-dropzone.js';

/** Props of {@link Dropzone} (`R2Uploader.Dropzone`). */
export interface DropzoneProps extends UseR2DropzoneOptions {
  /** The main text; it names the file input. Default from the messages ("Choose files"). */
  label?: ReactNode;
  className?: string | undefined;
  labelClassName?: string | undefined;
  hintClassName?: string | undefined;
}

/**
 * A `<label>` around a visually hidden (still focusable) `<input type="file">`:
 * a click anywhere, or Enter/Space on the focused input, opens the picker, and
 * files (and folders, walked recursively) can be dropped on it, or pasted
 * with Ctrl+V / ⌘V while it has focus. `data-dragging` is set while files hover over it.
 */
export function Dropzone({ label, className, labelClassName, hintClassName, ...options }: DropzoneProps): ReactElement {
  const t = useR2Text();
  const multiple = options.multiple ?? true;
  const { isDragging, getRootProps, getInputProps } = useR2Dropzone(options);
  return (
    <label className={cx('r2u-dropzone', className)} {...getRootProps()}>
      <input className="r2u-input" {...getInputProps()} />
      <span className={cx('r2u-dropzone-label', labelClassName)}>{label ?? t.choose(multiple)}</span>{' '}
      <span className={cx('r2u-dropzone-hint', hintClassName)}>{t.dropHint(multiple, isDragging)}</span>
    </label>
  );
}
