import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { webcrypto } from 'node:crypto';
import * as webStreams from 'node:stream/web';
import { afterEach } from 'vitest';

/*
 * The unit projects run each file in a VM context of its own (pool: 'vmThreads', one jsdom per
 * worker instead of one per file). jsdom's window there lacks some of Node's Web APIs that a
 * plain jsdom environment inherits: give it Node's own.
 */
const missing: Record<string, unknown> = {
  WritableStream: webStreams.WritableStream,
  ReadableStream: webStreams.ReadableStream,
  TransformStream: webStreams.TransformStream,
  TextEncoderStream: webStreams.TextEncoderStream,
  TextDecoderStream: webStreams.TextDecoderStream,
};
for (const [name, value] of Object.entries(missing)) if (!(name in globalThis)) Object.assign(globalThis, { [name]: value });
if (!globalThis.crypto?.subtle) Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });

afterEach(() => cleanup());
