// The ES-module half of register.mjs: runs on the loader thread and records each resolved URL.
import { appendFileSync } from 'node:fs';

let file;

export function initialize(data) {
  file = data.file;
}

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (file && result.url.startsWith('file:')) appendFileSync(file, `${result.url}\n`);
  return result;
}
