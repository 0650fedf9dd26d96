// A page with a UI of its own on the headless hook: it must not carry the component, its messages or its formatters.
import { createRoot } from 'react-dom/client';
import { useR2Upload } from 'r2-uploader';

function Upload() {
  const { upload, uploads } = useR2Upload({ endpoint: '/api/upload' });
  return (
    <p>
      <input type="file" onChange={(event) => void upload([...(event.target.files ?? [])])} /> {uploads.length}
    </p>
  );
}

createRoot(document.getElementById('root')!).render(<Upload />);
