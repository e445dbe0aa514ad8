// Run as a child process by the crash test: fiscalises one document of a register, to be killed mid-way.
import { fiscaliseDocument } from '../../src/terminal/fiscal/service.js';
import { openRegister } from '../../src/terminal/register/context.js';

const [dataDir, docId] = process.argv.slice(2);
const ctx = openRegister(dataDir!);
await fiscaliseDocument(ctx, docId!);
ctx.db.close();
