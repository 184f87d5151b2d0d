// Preloaded with `node --import` into a service under test: writes the file of every module the
// process loads, ES modules (through a resolve hook) and CommonJS (through Module._load), one per
// line to $MODULE_RECORD_FILE. Lets a test say which packages a start-up really loads.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const file = process.env.MODULE_RECORD_FILE;
if (file) {
  register('./hooks.mjs', import.meta.url, { data: { file } });
  const load = Module._load;
  Module._load = function recordingLoad(request, parent, isMain) {
    const result = load.call(this, request, parent, isMain);
    try {
      appendFileSync(file, `${Module._resolveFilename(request, parent, isMain)}\n`);
    } catch {
      // a builtin has no file
    }
    return result;
  };
}
