// Crash-test helper process: opens the store in the folder given as argument and commits counter updates forever.
// Run only by tests/unit/store/store-crash.test.ts, which SIGKILLs it; it must print "committed n" only after n is on disk.
import { randomInt } from 'node:crypto';
import { Store } from '../../server/store/store.js';

// Payload sizes vary from nothing to about 1 MB so that writes take different times and kills land everywhere.
const MAX_PAYLOAD = 1_000_000;

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: store-writer-child <dataDir>\n');
  process.exit(2);
}

const store = await Store.open(dataDir);
const start = store.data.settings.counter;
let n = typeof start === 'number' ? start : 0;
// stdout to a pipe is synchronous on Linux, so a line the parent reads was written before the next step began.
process.stdout.write(`ready ${n}\n`);
for (;;) {
  n += 1;
  const value = n;
  const size = randomInt(0, MAX_PAYLOAD);
  await store.update((draft) => {
    draft.settings.counter = value;
    draft.settings.payload = String.fromCharCode(97 + (value % 26)).repeat(size);
  });
  process.stdout.write(`committed ${value}\n`);
}
