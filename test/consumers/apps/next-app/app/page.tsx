// A Server Component: it imports the components directly, as the README's Next.js section shows.
import { R2ObjectList, R2Uploader } from 'r2-uploader';
import 'r2-uploader/styles.css';

export default function Page() {
  return (
    <main>
      <R2Uploader endpoint="/api/upload" accept="image/*,.pdf" multipart={{ threshold: 8 * 1024 * 1024 }} />
      <R2ObjectList endpoint="/api/upload" />
    </main>
  );
}
