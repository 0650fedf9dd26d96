// A page with the drop-in component only.
import { createRoot } from 'react-dom/client';
import { R2Uploader } from 'r2-uploader';

createRoot(document.getElementById('root')!).render(<R2Uploader endpoint="/api/upload" />);
