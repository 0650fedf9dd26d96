'use client';

import { useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { useR2Text } from './messages-context.js';

/** Keys browsers can show in an `<img>`, by extension, as object keys carry no content type. */
const IMAGE_KEY = /\.(?:jpe?g|png|webp|gif|avif)$/i;

/** True when a key names an image a thumbnail can show. */
export const isImageKey = (key: string): boolean => IMAGE_KEY.test(key);

/** Props of {@link ObjectThumbnail}. */
export interface ObjectThumbnailProps {
  /** Where the image loads from: the download route, which redirects a plain GET to the object. */
  src: string;
  /** The name shown for the object; the alt text names it. */
  name: string;
  /** Width and height in CSS pixels: reserved before it loads, so rows do not jump. */
  size: number;
  className: string;
  /** Shown instead when the image cannot load. */
  fallback?: ReactNode;
}

/**
 * An object's image, loaded lazily by the browser itself (no script request),
 * or `fallback` (nothing by default) once it fails: a key ending in `.png` may
 * hold anything, and a broken-image icon says nothing useful.
 */
export function ObjectThumbnail({ src, name, size, className, fallback = null }: ObjectThumbnailProps): ReactElement {
  const t = useR2Text();
  const [failed, setFailed] = useState<string>();
  const image = useRef<HTMLImageElement>(null);
  // An image that failed before hydration fired its error event before React listened.
  useEffect(() => {
    const element = image.current;
    if (element?.complete && element.naturalWidth === 0) setFailed(src);
  }, [src]);
  if (failed === src) return <>{fallback}</>;
  return <img ref={image} className={className} src={src} alt={t.preview(name)} width={size} height={size} loading="lazy" decoding="async" onError={() => setFailed(src)} />;
}
