import { useRef, useState, type ClipboardEvent, type DragEvent, type ReactElement, type ReactNode } from 'react';
import { collectFiles } from './collect-files.js';
import { cx } from './class-names.js';

/** Props of {@link Dropzone}. */
export interface DropzoneProps {
  /** Called with the files picked, dropped or pasted (never empty); files from dropped folders carry `webkitRelativePath`. */
  onFiles: (files: File[]) => void;
  /** The input's `accept` value. */
  accept?: string;
  /** Whether several files may be picked at once. */
  multiple: boolean;
  disabled: boolean;
  /** The main text; it names the file input. */
  label: ReactNode;
  /** The smaller text under it. */
  hint: ReactNode;
  /** The smaller text while files are dragged over. */
  dropHint: ReactNode;
  className?: string;
  labelClassName?: string;
}

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/**
 * A `<label>` around a visually hidden (still focusable) `<input type="file">`:
 * a click anywhere, or Enter/Space on the focused input, opens the picker, and
 * files (and folders, walked recursively) can be dropped on it, or pasted
 * with Ctrl+V / ⌘V while it has focus. `data-dragging` is set while files hover over it.
 */
export function Dropzone({ onFiles, accept, multiple, disabled, label, hint, dropHint, className, labelClassName }: DropzoneProps): ReactElement {
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave also fire for children: count them to know when the pointer really left.
  const depth = useRef(0);

  const onDragEnter = (event: DragEvent<HTMLLabelElement>) => {
    if (disabled || !carriesFiles(event)) return;
    event.preventDefault();
    depth.current += 1;
    setDragging(true);
  };
  const onDragOver = (event: DragEvent<HTMLLabelElement>) => {
    if (disabled || !carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDragLeave = () => {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setDragging(false);
  };
  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    depth.current = 0;
    setDragging(false);
    if (disabled) return;
    collectFiles(event.dataTransfer, onFiles);
  };
  // Paste goes to the focused element, the input: Ctrl+V of copied files while the drop zone has focus.
  const onPaste = (event: ClipboardEvent<HTMLLabelElement>) => {
    if (disabled || (event.clipboardData?.files.length ?? 0) === 0) return;
    event.preventDefault();
    collectFiles(event.clipboardData, onFiles);
  };

  return (
    <label
      className={cx('r2u-dropzone', className)}
      data-dragging={dragging ? '' : undefined}
      data-disabled={disabled ? '' : undefined}
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      onPaste={onPaste}
    >
      <input
        className="r2u-input"
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Reset so that picking the same file again fires `change` again.
          event.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <span className={cx('r2u-dropzone-label', labelClassName)}>{label}</span>{' '}
      <span className="r2u-dropzone-hint">{dragging ? dropHint : hint}</span>
    </label>
  );
}
