import { testDialects } from '../helpers/db.js';
import { describeLicensingStory } from './story.js';

// Without MySQL on a laptop this file has nothing to run (helpers/db.ts prints why; under CI it fails instead).
if (testDialects().includes('mysql')) describeLicensingStory('mysql');
