#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps compiled code between starts (a cold start compiles a few MB of JavaScript); Node 20 cannot.
module.enableCompileCache?.();
// The bundled program (scripts/bundle.mjs); dist/cli/pos.js is the same code module by module.
const { main } = await import('../dist/bundle/pos.js');
await main(process.argv);
