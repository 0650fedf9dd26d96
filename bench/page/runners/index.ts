import type { RunnerId } from '../../shared/protocol.ts';
import { ours } from './ours.ts';
import { oursMultipart, oursVerifyAvailable } from './ours-multipart.ts';
import { oursResize } from './ours-resize.ts';
import { oursUi } from './ours-ui.tsx';
import { rawBatch } from './raw-batch.ts';
import { rawMultipart } from './raw-multipart.ts';
import { rawXhr } from './raw-xhr.ts';
import type { Runner } from './types.ts';
import { uppy, uppyCompressor, uppyDefaultParts } from './uppy.ts';

/** Every runner by id; `undefined` means the library cannot do it yet. */
export const runners: Record<RunnerId, Runner | undefined> = {
  ours,
  'ours-ui': oursUi,
  'ours-multipart': oursMultipart?.(false),
  'ours-multipart-verify': oursVerifyAvailable ? oursMultipart?.(true) : undefined,
  'raw-xhr': rawXhr,
  'raw-batch': rawBatch,
  // The same runner at 24 and 48 in flight (the scenario sets the number): what a multiplexed link allows.
  'raw-batch-24': rawBatch,
  'raw-batch-48': rawBatch,
  'raw-multipart': rawMultipart,
  uppy,
  'uppy-default-parts': uppyDefaultParts,
  'ours-resize': oursResize,
  // The same component runner: with an image workload it resizes, and its rows show thumbnails.
  'ours-ui-resize': oursUi,
  'uppy-compressor': uppyCompressor,
};
