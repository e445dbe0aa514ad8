#!/usr/bin/env node
import { main } from '../dist/cli/pos-activate.js';
await main(process.argv);
