'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { createR2Client } from 'r2-uploader';
// A type only: no server code reaches the browser.
import type { PhotosHandler } from '../api/photos/[[...path]]/route';

const { R2Uploader } = createR2Client<PhotosHandler>();

export function PhotoUploader() {
  const router = useRouter();
  const [caption, setCaption] = useState('');
  const [saved, setSaved] = useState<{ photoId: number; caption: string }>();
  return (
    <section>
      <label>
        Caption <input value={caption} onChange={(event) => setCaption(event.target.value)} />
      </label>
      <R2Uploader
        endpoint="/api/photos"
        route="photos"
        metadata={{ caption }}
        onSuccess={(result) => {
          // What onUploadComplete returned, typed by the route.
          setSaved(result.serverData);
          router.refresh();
        }}
      />
      {saved ? <p role="status">Saved as photo #{saved.photoId}: {saved.caption}</p> : null}
    </section>
  );
}
