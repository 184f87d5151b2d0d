// Hash routes (#/guide/client_secret, #/sign-in?app=…): the page itself is always the ingress
// entry, so routing never needs to know the prefix Home Assistant serves it under.

export type RouteName = 'guide' | 'sign-in' | 'accounts' | 'consumers' | 'activity' | 'ms365';

export interface Route {
  name: RouteName | '';
  param: string;
  query: URLSearchParams;
}

const NAMES: readonly RouteName[] = ['guide', 'sign-in', 'accounts', 'consumers', 'activity', 'ms365'];

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [name = '', param = ''] = path.split('/');
  return {
    name: (NAMES as readonly string[]).includes(name) ? (name as RouteName) : '',
    param: decodeURIComponent(param),
    query: new URLSearchParams(search),
  };
}
