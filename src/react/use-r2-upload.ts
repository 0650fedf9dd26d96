'use client';

import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { createUploader } from '../core/create-uploader.js';
import type { UploadResult } from '../core/protocol/upload-protocol.js';
import type { UploadRules } from '../core/protocol/rules-protocol.js';
import type { UploadCallOptions, Uploader, UploaderOptions, UploadState } from '../core/engine/types.js';
import type { UploadMetadata } from '../core/policy/upload-metadata.js';
import { frameThrottled } from './frame-throttle.js';
import { aggregateProgress, type UploadProgress } from '../core/engine/progress.js';
import { R2_UPLOADER_QUERY_KEY, useR2QueryClient } from './query-client.js';
import { isPausable } from './status-text.js';
import { useIsomorphicLayoutEffect } from './use-isomorphic-layout-effect.js';

/** What {@link useR2Upload} returns. Functions keep their identity for the component's life. */
export interface UseR2UploadResult<Metadata = UploadMetadata, ServerData = unknown> {
  /** Uploads files; resolves to the results of those that uploaded (it never rejects for one file's failure). */
  upload: (files: File | readonly File[] | FileList, options?: UploadCallOptions<Metadata>) => Promise<UploadResult<ServerData>[]>;
  /** Every upload in the order it was added, with its status, progress, ETag or error. */
  uploads: readonly UploadState<ServerData>[];
  /** Bytes sent out of bytes to send, over every upload that was not canceled; while one uploads, the speed and time left. */
  progress: UploadProgress;
  /** True while any upload is queued, signing, uploading or retrying (not while paused). */
  isUploading: boolean;
  /** The backend's file rules once fetched (`serverRules`, on by default with a `route`): to show them, or for `<input accept>`. */
  rules: UploadRules | undefined;
  /** Cancels one upload, or every unfinished one when `id` is omitted. */
  cancel: (id?: string) => void;
  /** Uploads a failed or canceled file again. */
  retry: (id: string) => Promise<UploadResult<ServerData> | undefined>;
  /** Pauses one upload, or every unfinished one; a multipart upload keeps its confirmed parts. */
  pause: (id?: string) => void;
  /** Resumes one paused upload, or every paused one. */
  resume: (id?: string) => void;
  /** Forgets finished uploads (done, failed, canceled). */
  clear: () => void;
}

type UploadActions = Pick<UseR2UploadResult, 'upload' | 'cancel' | 'retry' | 'clear' | 'pause' | 'resume'>;

/**
 * The uploader's options plus, after every success, invalidation of
 * r2-uploader's cached queries. (The engine itself hands the upload to the
 * page's history, so lists show it at once whatever their QueryClient.)
 */
function withInvalidation(options: UploaderOptions, queryClient: QueryClient): UploaderOptions {
  return {
    ...options,
    onSuccess(result, file) {
      void queryClient.invalidateQueries({ queryKey: R2_UPLOADER_QUERY_KEY });
      options.onSuccess?.(result, file);
    },
  };
}

/** The uploader's methods are closures (they never use `this`), so they are handed out as they are. */
function actionsOf({ upload, cancel, retry, clear, pause, resume }: Uploader): UploadActions {
  return { upload, cancel, retry, clear, pause, resume };
}

/**
 * Headless uploads to R2 or any S3-compatible store: one uploader per
 * component, its state read with `useSyncExternalStore` and rendered at most
 * once per animation frame, however many progress events arrive. The latest options
 * (endpoint, headers, callbacks) apply on every render, so callbacks never go
 * stale. After each successful upload, queries under `['r2-uploader']` in the
 * app's `QueryClient` (or a built-in one) are invalidated.
 *
 * @example
 * const { upload, uploads, progress } = useR2Upload({ endpoint: '/api/uploads' });
 * <input type="file" onChange={(e) => e.target.files && upload(e.target.files)} />
 */
export function useR2Upload<Metadata = UploadMetadata, ServerData = unknown>(options: UploaderOptions<Metadata, ServerData>): UseR2UploadResult<Metadata, ServerData>;
// The uploader passes metadata and serverData through untouched: their types are the app's.
export function useR2Upload(options: UploaderOptions): UseR2UploadResult {
  const queryClient = useR2QueryClient();
  const [{ uploader, actions, subscribe }] = useState(() => {
    const created = createUploader(withInvalidation(options, queryClient));
    return { uploader: created, actions: actionsOf(created), subscribe: frameThrottled(created.subscribe, () => !created.getSnapshot().uploads.some((upload) => isPausable(upload.status))) };
  });

  useIsomorphicLayoutEffect(() => {
    uploader.setOptions(withInvalidation(options, queryClient));
  });

  // Once the component is gone nobody can see or cancel its uploads; ending them
  // frees their places in the page-wide connection pool for the uploaders that remain.
  useEffect(() => () => uploader.cancel(), [uploader]);

  // Asked on mount, so the rules are known before the user picks a file; uploads would wait for them anyway.
  const { endpoint, route, serverRules } = options;
  useEffect(() => void uploader.loadRules(), [uploader, endpoint, route, serverRules]);

  const { uploads, rules, bytesPerSecond } = useSyncExternalStore(subscribe, uploader.getSnapshot, uploader.getSnapshot);

  return useMemo(
    () => ({
      ...actions,
      uploads,
      progress: aggregateProgress(uploads, bytesPerSecond),
      isUploading: uploads.some((upload) => isPausable(upload.status)),
      rules,
    }),
    [actions, uploads, rules, bytesPerSecond],
  );
}
