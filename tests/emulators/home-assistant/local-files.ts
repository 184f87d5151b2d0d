// HA's /local/ static route: files under <config>/www, served without login and with HA's long
// cache header, and 404 when Core did not register the route (www missing at Core start).
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { HaCore } from './core.js';
import type { ExtraHandler } from './ingress-proxy.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
/** homeassistant/components/http/static.py: CACHE_TIME = 31 days. */
const CACHE_CONTROL = 'public, max-age=2678400';

export interface LocalRequest {
  path: string;
  status: number;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('404: Not Found');
}

/** An ingress-proxy handler (see IngressProxyOptions.handlers) that plays HA's /local/ route. */
export function createLocalFilesHandler(core: HaCore, log: LocalRequest[] = []): ExtraHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const pathname = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (!pathname.startsWith('/local/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const status = await serve(core, pathname.slice('/local/'.length), req, res);
    log.push({ path: pathname, status });
    return true;
  };
}

async function serve(core: HaCore, relative: string, req: IncomingMessage, res: ServerResponse): Promise<number> {
  if (!core.isUp) {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('502: Bad Gateway');
    return 502;
  }
  const root = core.wwwDir;
  const file = path.resolve(root, relative);
  if (!core.servesLocal || !file.startsWith(`${root}${path.sep}`) || relative.split('/').includes('..')) {
    notFound(res);
    return 404;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    notFound(res);
    return 404;
  }
  const body = await readFile(file);
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': CACHE_CONTROL,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return 200;
}
