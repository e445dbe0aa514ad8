#!/usr/bin/env node
import { main } from '../dist/cli/pos.js';
await main(process.argv);
