import type { UploadUrlRequest } from '../../src/core/protocol/upload-protocol.ts';

/**
 * `uploads/<filename>`: the UI tests assert keys they can spell. The testing
 * kit's default (`uploads/<random id>/<filename>`, as the real handler) is
 * covered by the kit's own tests.
 */
export const readableKey = ({ filename }: UploadUrlRequest): string => `uploads/${filename}`;
