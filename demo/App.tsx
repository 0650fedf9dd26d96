import { useState } from 'react';
import { R2ObjectList, R2Uploader, type R2UploadWarning, type UploadResult } from 'r2-uploader';
import { demoUploaderOptions } from './demo-options.ts';
import { RecordedPhotos } from './RecordedPhotos.tsx';

const uploaderOptions = demoUploaderOptions(location.search);

/** The demo page: the uploader and the bucket's listing, against the dev server's /api/upload. */
export function App() {
  return location.pathname.startsWith('/records') ? <RecordedPhotos /> : <UploadsPage />;
}

function UploadsPage() {
  const [uploaded, setUploaded] = useState<UploadResult[]>([]);
  const [warnings, setWarnings] = useState<string[]>([]);
  const onWarning = (warning: R2UploadWarning) => setWarnings((list) => [...list, `${warning.code}: ${warning.message}`]);
  return (
    <main className="demo">
      <h1>r2-uploader</h1>
      <p>
        Files go straight from this page to the bucket through a presigned PUT. The dev server signs them
        at <code>/api/upload</code>. <a href="/records">Uploads recorded in a database</a> shows routes, metadata and
        verified completion.
      </p>
      <R2Uploader endpoint="/api/upload" {...uploaderOptions} onWarning={onWarning} onSuccess={(result) => setUploaded((list) => [result, ...list])} />
      {warnings.length > 0 && (
        <section aria-labelledby="warnings-heading">
          <h2 id="warnings-heading">Warnings</h2>
          <ul data-testid="warnings">
            {warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </section>
      )}
      {uploaded.length > 0 && (
        <section aria-labelledby="uploaded-heading">
          <h2 id="uploaded-heading">Uploaded in this session</h2>
          <ul className="demo-results" data-testid="results">
            {uploaded.map((result) => (
              <li key={result.key}>
                <code>{result.key}</code> · {result.size} bytes · {result.contentType} · ETag <code>{result.etag}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="bucket-heading">
        <h2 id="bucket-heading">In the bucket</h2>
        <R2ObjectList endpoint="/api/upload" label="Files in the bucket" />
      </section>
    </main>
  );
}
