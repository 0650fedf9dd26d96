// A Tailwind v4 user's app: utilities on the component's parts, the package's stylesheet through Tailwind's CSS pipeline.
import { createRoot } from 'react-dom/client';
import { R2ObjectList, R2Uploader } from 'r2-uploader';
import './app.css';

createRoot(document.getElementById('root')!).render(
  <main className="mx-auto max-w-xl p-4">
    <R2Uploader endpoint="/api/upload" accept="text/plain,image/png" className="mb-6" />
    <R2ObjectList endpoint="/api/upload" />
  </main>,
);
