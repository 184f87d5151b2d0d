// Types for prune-modules.mjs, which stays plain JavaScript: the image runs it before any build.
export function folderBytes(dir: string): number;
export function pruneModules(dir: string): number;
