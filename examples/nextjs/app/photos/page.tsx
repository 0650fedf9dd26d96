// A Server Component: it reads the database directly, and renders the client uploader.
import { cookies } from 'next/headers';
import 'r2-uploader/styles.css';
import { photosOf } from '../../lib/photo-records';
import { PhotoUploader } from './photo-uploader';

export default async function PhotosPage() {
  // Your auth here; the route's authorize reads the same stand-in cookie.
  const userId = (await cookies()).get('user')?.value;
  if (!userId) return <p>Sign in to upload photos.</p>;
  return (
    <main>
      <h1>Your photos</h1>
      <PhotoUploader />
      <table aria-label="Your photos">
        <tbody>
          {photosOf(userId).map((photo) => (
            <tr key={photo.id}>
              <td>{photo.id}</td>
              <td>{photo.caption}</td>
              <td>{photo.key}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
