export { initStoreSync, recordChanges, type ChangeRef } from './changes.js';
