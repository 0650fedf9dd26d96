import type { ReactElement } from 'react';

/** A visually hidden `role="status"` region: screen readers read each new `message` once, politely. */
export function LiveRegion({ message }: { message: string }): ReactElement {
  return (
    <div className="r2u-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
