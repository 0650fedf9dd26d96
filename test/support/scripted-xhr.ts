/**
 * An XMLHttpRequest stand-in for unit tests of timing (stalls, progress
 * bursts): a subclass scripts `send`, calling `upload.onprogress`, `onload`
 * (after setting `status`) or nothing at all. Every PUT that loads has the
 * ETag `"etag"`.
 */
export abstract class ScriptedXhr {
  status = 0;
  responseText = '';
  upload: { onprogress?: (event: { loaded: number }) => void } = {};
  onload?: () => void;
  onerror?: () => void;
  onabort?: () => void;
  open() {}
  setRequestHeader() {}
  getResponseHeader(name: string) {
    return name.toLowerCase() === 'etag' ? '"etag"' : null;
  }
  abort() {
    this.onabort?.();
  }
  abstract send(body: Blob): void;
}

/** Puts `Xhr` in place of the global XMLHttpRequest; returns the function that puts the original back. */
export function installXhr(Xhr: new () => ScriptedXhr): () => void {
  const original = globalThis.XMLHttpRequest;
  globalThis.XMLHttpRequest = Xhr as unknown as typeof XMLHttpRequest;
  return () => {
    globalThis.XMLHttpRequest = original;
  };
}
