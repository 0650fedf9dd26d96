// A Server Component: it imports the components directly, as the README's Next.js section shows, and calls
// two of the entry's plain functions on the server (only the modules that use hooks are client modules).
import { checkFile, formatBytes, R2ObjectList, R2Uploader } from 'r2-uploader';
import 'r2-uploader/styles.css';

const limit = formatBytes(100 * 1024 * 1024, 'en');
const sample = checkFile({ name: 'tool.exe', type: 'application/x-msdownload', size: 2 }, { accept: 'image/*,.pdf' });

export default function Page() {
  return (
    <main>
      <p id="server-rendered">
        Images and PDFs up to {limit}; tool.exe: {sample?.reason ?? 'accepted'}
      </p>
      <R2Uploader endpoint="/api/upload" accept="image/*,.pdf" multipart={{ threshold: 8 * 1024 * 1024 }} />
      <R2ObjectList endpoint="/api/upload" />
    </main>
  );
}
