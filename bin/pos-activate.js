#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps compiled code between starts; Node 20 cannot.
module.enableCompileCache?.();
// The bundled program (scripts/bundle.mjs); dist/cli/pos-activate.js is the same code module by module.
const { main } = await import('../dist/bundle/pos-activate.js');
await main(process.argv);
