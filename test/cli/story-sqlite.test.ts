import { describeLicensingStory } from './story.js';

describeLicensingStory('sqlite');
