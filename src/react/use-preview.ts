'use client';

import { useEffect, useState } from 'react';
import { loadOnce } from '../core/engine/features.js';

/**
 * The preview code, loaded once for the page: with an `import()` per row, the
 * app's bundler's preload helper (Vite's) ran for each of a hundred rows in
 * the commit that mounted them.
 */
const loadPreviews = loadOnce(() => import('../core/images/preview.js'));

/** Options of {@link usePreview}. */
export interface UsePreviewOptions {
  /** The thumbnail's width in pixels; its height follows the image. Default 96 (48 CSS pixels at 2×). */
  width?: number;
  /** `false` makes none (for a UI that turns previews off). Default `true`. */
  enabled?: boolean;
}

/**
 * An object URL of a small thumbnail of an image file, for `<img src>`, made
 * off the main thread (a Web Worker decodes it at thumbnail size, a few at a
 * time page-wide) and revoked when the component unmounts or the file
 * changes; `undefined` while it is made, and for files that are not images the
 * browser decodes. The image code loads on first use: pages that never show
 * an image pay nothing for it.
 *
 * @example
 * const preview = usePreview(upload.file);
 * {preview ? <img src={preview} alt={`Preview of ${upload.name}`} width={48} height={48} /> : null}
 */
export function usePreview(file: File | undefined, { width, enabled = true }: UsePreviewOptions = {}): string | undefined {
  const [preview, setPreview] = useState<{ file: File; url: string }>();
  useEffect(() => {
    if (!file || !enabled || !file.type.startsWith('image/')) return undefined;
    const controller = new AbortController();
    let made: string | undefined;
    loadPreviews()
      .then((images) => images.createPreview(file, { ...(width === undefined ? {} : { width }), signal: controller.signal }))
      .then(
        (url) => {
          if (!url) return;
          made = url;
          setPreview({ file, url });
        },
        // No preview (the chunk did not load, the row went first): the row shows none, and nothing else changes.
        () => undefined,
      );
    return () => {
      controller.abort();
      if (made) URL.revokeObjectURL(made);
    };
  }, [file, width, enabled]);
  // A URL made for another file (or revoked by the cleanup) is never handed out.
  return enabled && preview && preview.file === file ? preview.url : undefined;
}
