import { useCallback, useEffect, useState } from 'react';
import { createR2Client, R2ObjectList } from 'r2-uploader';
import type { RecordsHandler } from './records-handler.ts';
import type { UploadRecord } from './upload-records.ts';

// Typed by the server's routes: `route` must be 'photos', `metadata` its schema's input, `serverData` what onUploadComplete returns.
// The route's rules (images up to 20 MB) are not repeated here: the uploader asks the server for them.
const { R2Uploader } = createR2Client<RecordsHandler>();

/** The demo's second page: uploads whose completion the server verified, the row its onUploadComplete wrote to SQLite for each, and the bucket. */
export function RecordedPhotos() {
  const [caption, setCaption] = useState('');
  const [records, setRecords] = useState<UploadRecord[]>([]);
  const [lastRecord, setLastRecord] = useState<{ recordId: number; caption: string }>();
  const refresh = useCallback(() => {
    void fetch('/__r2-dev/records').then(async (response) => setRecords((await response.json()) as UploadRecord[]));
  }, []);
  useEffect(refresh, [refresh]);

  return (
    <main className="demo">
      <h1>Photos recorded in a database</h1>
      <p>
        <a href="/">Back to the uploader</a>
      </p>
      <p>
        The <code>photos</code> route checks the caption with a zod schema, adds your user id on the server, verifies the
        upload in the bucket and records it in SQLite (<code>onUploadComplete</code>).
      </p>
      <h2>Upload</h2>
      <label>
        Caption <input value={caption} onChange={(event) => setCaption(event.target.value)} />
      </label>
      <R2Uploader
        endpoint="/api/records"
        route="photos"
        label="Choose photos to record"
        metadata={{ caption }}
        onSuccess={(result) => {
          setLastRecord(result.serverData);
          refresh();
        }}
      />
      {lastRecord && <p data-testid="last-record" role="status">Recorded as #{lastRecord.recordId}: “{lastRecord.caption}”</p>}
      <h2>Recorded uploads</h2>
      <table aria-label="Recorded uploads" className="demo-records">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Caption</th>
            <th scope="col">User</th>
            <th scope="col">Key</th>
            <th scope="col">Size</th>
          </tr>
        </thead>
        <tbody>
          {records.map((row) => (
            <tr key={row.id}>
              <td>{row.id}</td>
              <td>{row.caption}</td>
              <td>{row.userId}</td>
              <td>
                <code>{row.key}</code>
              </td>
              <td>{row.size}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="records-bucket-heading">In the bucket</h2>
      <R2ObjectList endpoint="/api/records" label="Photos in the bucket" />
    </main>
  );
}
