// Loads a CommonJS package on first use instead of at start-up, synchronously (createRequire), so
// callers need not become async. Each package loaded this way is loaded through here only, which
// keeps one copy of its classes in the process (an ESM import beside it would be a second copy).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(specifier) as T;
    return loaded;
  };
}
