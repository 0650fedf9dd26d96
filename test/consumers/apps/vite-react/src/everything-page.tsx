// A page that takes every export of the entry.
import { createRoot } from 'react-dom/client';
import * as everything from 'r2-uploader';

const { R2Uploader, R2ObjectList } = everything;
(window as unknown as { r2u: unknown }).r2u = everything;
createRoot(document.getElementById('root')!).render(
  <main>
    <R2Uploader endpoint="/api/upload" />
    <R2ObjectList endpoint="/api/upload" />
  </main>,
);
