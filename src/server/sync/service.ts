export { initStoreSync, recordChanges, type ChangeRef } from './changes.js';
export { pullChanges } from './pull.js';
export { pushEvents } from './push.js';
export { listFlagged, listRejected, type FlaggedEvent, type RejectedEvent } from './rejected.js';
