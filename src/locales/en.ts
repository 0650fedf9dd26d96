/**
 * `r2-uploader/locales/en`: the English messages, the components' defaults,
 * to start a translation from or to switch back to English under a provider.
 *
 * @packageDocumentation
 */
export { en } from '../react/messages.js';
