'use client';

import { useRef, useState, type ChangeEvent, type ClipboardEvent, type DragEvent } from 'react';
import { collectFiles } from './collect-files.js';

/** Options of {@link useR2Dropzone}. */
export interface UseR2DropzoneOptions {
  /** Called with the files picked, dropped or pasted (never empty); files from dropped folders carry `webkitRelativePath`. */
  onFiles: (files: File[]) => unknown;
  /** The input's `accept` value (`image/*,.pdf`). */
  accept?: string | undefined;
  /** Whether several files may be picked at once. Default `true`. */
  multiple?: boolean | undefined;
  disabled?: boolean | undefined;
  /**
   * On phones, open the camera instead of the file picker: `'environment'` (the back camera) or `'user'` (the
   * front one); the input's `capture` attribute. Ignored by desktop browsers.
   */
  capture?: 'user' | 'environment' | undefined;
}

/** The event handlers and data attributes for the element files are dropped on (a `<label>` around the input). */
export interface R2DropzoneRootProps {
  onDragEnter: (event: DragEvent<HTMLElement>) => void;
  onDragOver: (event: DragEvent<HTMLElement>) => void;
  onDragLeave: () => void;
  onDrop: (event: DragEvent<HTMLElement>) => void;
  onPaste: (event: ClipboardEvent<HTMLElement>) => void;
  'data-dragging': '' | undefined;
  'data-disabled': '' | undefined;
}

/** The props of the `<input type="file">`. */
export interface R2DropzoneInputProps {
  type: 'file';
  accept?: string | undefined;
  multiple: boolean;
  disabled: boolean;
  capture?: 'user' | 'environment' | undefined;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}

/** What {@link useR2Dropzone} returns. */
export interface UseR2DropzoneResult {
  /** True while files are dragged over the root. */
  isDragging: boolean;
  /** Spread on the drop target (react-dropzone style): `<label {...getRootProps()}>`. */
  getRootProps: () => R2DropzoneRootProps;
  /** Spread on the file input inside it: `<input {...getInputProps()} />`. */
  getInputProps: () => R2DropzoneInputProps;
}

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files');

/**
 * Prop getters for a drop zone of your own markup: picking, dropping (folders
 * walked recursively) and pasting (Ctrl+V / ⌘V while the input has focus).
 * Put the input inside a `<label>` carrying the root props so that a click,
 * Enter or Space opens the picker.
 *
 * @example
 * const { getRootProps, getInputProps, isDragging } = useR2Dropzone({ onFiles: upload });
 * <label {...getRootProps()}><input {...getInputProps()} className="sr-only" /> {isDragging ? 'Drop!' : 'Choose files'}</label>
 */
export function useR2Dropzone({ onFiles, accept, multiple = true, disabled = false, capture }: UseR2DropzoneOptions): UseR2DropzoneResult {
  const [isDragging, setDragging] = useState(false);
  // dragenter/dragleave also fire for children: count them to know when the pointer really left.
  const depth = useRef(0);
  const take = (event: DragEvent) => !disabled && carriesFiles(event) && (event.preventDefault(), true);
  const deliver = (files: File[]) => void onFiles(files);

  return {
    isDragging,
    getRootProps: () => ({
      onDragEnter: (event) => {
        if (!take(event)) return;
        depth.current += 1;
        setDragging(true);
      },
      onDragOver: (event) => {
        if (take(event)) event.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: () => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      },
      onDrop: (event) => {
        event.preventDefault();
        depth.current = 0;
        setDragging(false);
        if (!disabled) collectFiles(event.dataTransfer, deliver);
      },
      // Paste goes to the focused element, the input: Ctrl+V of copied files while the drop zone has focus.
      onPaste: (event) => {
        if (disabled || !event.clipboardData?.files.length) return;
        event.preventDefault();
        collectFiles(event.clipboardData, deliver);
      },
      'data-dragging': isDragging ? '' : undefined,
      'data-disabled': disabled ? '' : undefined,
    }),
    getInputProps: () => ({
      type: 'file',
      accept,
      multiple,
      disabled,
      ...(capture ? { capture } : {}),
      onChange: (event) => {
        const files = Array.from(event.currentTarget.files ?? []);
        // Reset so that picking the same file again fires `change` again.
        event.currentTarget.value = '';
        if (files.length > 0) deliver(files);
      },
    }),
  };
}
