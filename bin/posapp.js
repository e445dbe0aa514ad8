#!/usr/bin/env node
import { main } from '../dist/cli/posapp.js';
await main(process.argv);
