/**
 * The page runtime: the one place that holds what the whole page shares (the
 * connection pool, which endpoints sign batches, the multipart sessions being
 * resumed, the upload history, ...). It hangs off one global symbol, so that
 * two copies of the library on a page (two bundles, two versions) share one
 * pool instead of opening 12 connections.
 *
 * Each concern owns a named slot. A slot's name carries the version of its
 * shape: a copy that stores something else under it must use another name.
 */
const RUNTIME = Symbol.for('r2-uploader.page-runtime');

type Slots = Map<string, unknown>;

function slots(): Slots {
  const scope = globalThis as typeof globalThis & { [RUNTIME]?: Slots };
  return (scope[RUNTIME] ??= new Map());
}

/** The page's value of slot `name`, made by `create` the first time any copy of the library asks for it. */
export function pageSlot<T>(name: string, create: () => T): T {
  const all = slots();
  if (!all.has(name)) all.set(name, create());
  return all.get(name) as T;
}

/** Forgets every slot: for tests, which start each case on a fresh page. */
export function resetPageRuntime(): void {
  slots().clear();
}
