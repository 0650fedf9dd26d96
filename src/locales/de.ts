/**
 * `r2-uploader/locales/de`: German messages for every r2-uploader component,
 * kept out of the main bundle. Use them with the German locale, so sizes,
 * percents and dates are German too:
 *
 * @example
 * import { R2MessagesProvider } from 'r2-uploader';
 * import { de } from 'r2-uploader/locales/de';
 * <R2MessagesProvider messages={de} locale="de">…</R2MessagesProvider>
 *
 * @packageDocumentation
 */
import type { R2Messages, UploadAction } from '../react/messages.js';

const ACTION_VERB: Record<UploadAction, string> = { cancel: 'abbrechen', retry: 'wiederholen', pause: 'anhalten', resume: 'fortsetzen' };

/** German messages (Deutsch). */
export const de: R2Messages = {
  choose: (multiple) => (multiple ? 'Dateien auswählen' : 'Datei auswählen'),
  dropHint: (multiple, dragging) => (dragging ? 'Loslassen zum Hochladen' : multiple ? 'oder hierher ziehen' : 'oder hierher ziehen (eine Datei)'),
  onlyOne: (name) => `Nur eine Datei auf einmal: Es wird nur ${name} hochgeladen.`,
  uploads: 'Uploads',
  clearFinished: 'Abgeschlossene entfernen',
  status: {
    queued: 'Wartet',
    signing: 'Wird vorbereitet…',
    uploading: 'Wird hochgeladen…',
    retrying: 'Neuer Versuch…',
    paused: 'Angehalten',
    done: 'Hochgeladen',
    error: 'Fehlgeschlagen',
    canceled: 'Abgebrochen',
  },
  uploading: (percent) => `Wird hochgeladen… ${percent}`,
  pausedAt: (percent) => `Angehalten bei ${percent}`,
  retrying: (attempt, reason) => `Neuer Versuch${attempt === undefined ? '' : ` (Versuch ${attempt})`}…${reason ? `: ${reason}` : ''}`,
  refused: 'Abgelehnt',
  progressLabel: (name) => `Upload von ${name}`,
  progressValue: (percent, loaded, total) => `${percent} (${loaded} von ${total})`,
  action: { cancel: 'Abbrechen', retry: 'Wiederholen', pause: 'Anhalten', resume: 'Fortsetzen' },
  actionLabel: (action, name) => `Upload von ${name} ${ACTION_VERB[action]}`,
  etag: 'ETag',
  announceStart: (name) => `${name} wird hochgeladen.`,
  announceProgress: (name, percent) => `${name}: ${percent} hochgeladen.`,
  announcePaused: (name) => `Upload von ${name} angehalten.`,
  announceResumed: (name) => `Upload von ${name} wird fortgesetzt.`,
  announceDone: (name) => `${name} hochgeladen.`,
  announceFailed: (name, error) => `${name} fehlgeschlagen: ${error}`,
  announceCanceled: (name) => `Upload von ${name} abgebrochen.`,
  announceStartMany: (_, count) => `${count} Dateien werden hochgeladen.`,
  announceDoneMany: (_, count) => `${count} Dateien hochgeladen.`,
  showing: (shown, total) => `${shown} von ${total} Uploads angezeigt.`,
  showMore: 'Mehr anzeigen',
  errors: {
    backend_error: 'Der Server hat den Upload abgelehnt.',
    invalid_backend_response: 'Der Server hat eine ungültige Antwort gesendet.',
    backend_unreachable: 'Der Server ist nicht erreichbar.',
    backend_timeout: 'Der Server hat nicht rechtzeitig geantwortet.',
    insecure_url: 'Die Upload-Adresse ist nicht sicher (kein HTTPS).',
    url_not_allowed: 'Die Upload-Adresse ist nicht erlaubt.',
    empty_body_checksum: 'Die Upload-Adresse ist falsch signiert.',
    store_error: 'Der Speicher hat die Datei abgelehnt.',
    network_error: 'Keine Verbindung zum Speicher.',
    etag_not_exposed: 'Die Datei ist gespeichert, aber ihr ETag ist nicht lesbar.',
    file_rejected: 'Diese Datei ist nicht erlaubt.',
    integrity_mismatch: 'Die gespeicherte Datei stimmt nicht mit dem Original überein.',
    canceled: 'Abgebrochen.',
    invalid_name: 'Die Datei hat keinen Namen.',
    content_type_not_allowed: 'Dieser Dateityp ist nicht erlaubt.',
    type_mismatch: 'Der Dateityp passt nicht zur Dateiendung.',
    file_too_large: 'Die Datei ist zu groß.',
    file_too_small: 'Die Datei ist zu klein.',
    too_many_files: 'Zu viele Dateien.',
  },

  files: 'Dateien',
  fromBrowser: ' (aus diesem Browser hochgeladen)',
  folders: 'Ordner',
  openFolder: (name) => `Ordner ${name} öffnen`,
  columns: { name: 'Name', size: 'Größe', lastModified: 'Zuletzt geändert', etag: 'ETag', actions: 'Aktionen' },
  loading: 'Dateien werden geladen…',
  empty: 'Noch keine Dateien.',
  emptyFolder: 'Dieser Ordner ist leer.',
  emptyHistory: 'Noch keine Uploads aus diesem Browser.',
  loadFailed: (error) => `Die Dateien konnten nicht geladen werden: ${error}`,
  retry: 'Erneut versuchen',
  loadMore: 'Mehr laden',
  loadingMore: 'Wird geladen…',
  copy: 'Kopieren',
  copyLabel: (name) => `ETag von ${name} kopieren`,
  copied: (name) => `ETag von ${name} kopiert.`,
  copyFailed: (name) => `Der ETag von ${name} konnte nicht kopiert werden.`,
  download: 'Herunterladen',
  downloadLabel: (name) => `${name} herunterladen`,
  downloadFailed: (name, error) => `${name} konnte nicht heruntergeladen werden: ${error}`,
  delete: 'Löschen',
  deleteLabel: (name) => `${name} löschen`,
  confirmDelete: (name) => `${name} löschen?`,
  yesDelete: 'Ja, löschen',
  deleting: 'Wird gelöscht…',
  cancel: 'Abbrechen',
  deleted: (name) => `${name} gelöscht.`,
  deleteFailed: (name, error) => `${name} konnte nicht gelöscht werden: ${error}`,
};
