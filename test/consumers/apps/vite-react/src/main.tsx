// A user's app, as the README shows it: the installed package, its stylesheet, Vite's defaults.
import { createRoot } from 'react-dom/client';
import { R2ObjectList, R2Uploader } from 'r2-uploader';
import 'r2-uploader/styles.css';

createRoot(document.getElementById('root')!).render(
  <main>
    <R2Uploader endpoint="/api/upload" accept="text/plain,image/png" />
    <R2ObjectList endpoint="/api/upload" />
  </main>,
);
