// A small Dockerfile reader for the packaging tests: stages with their base, WORKDIR, COPY, RUN,
// LABEL, HEALTHCHECK, ENTRYPOINT and CMD, and the global ARG defaults. Enough for this Dockerfile;
// not a general parser (no heredocs, no ONBUILD).

export interface Copy {
  from: string | undefined;
  sources: string[];
  destination: string;
}

export interface Stage {
  name: string | undefined;
  base: string;
  workdir: string;
  copies: Copy[];
  runs: string[];
  labels: Record<string, string>;
  healthcheck: string[] | undefined;
  entrypoint: string[] | undefined;
  cmd: string[] | undefined;
}

export interface Dockerfile {
  args: Record<string, string>;
  stages: Stage[];
}

/** Joins continuation lines and drops comments and blank lines. */
function instructions(text: string): string[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

function execForm(value: string): string[] | undefined {
  const trimmed = value.trim();
  return trimmed.startsWith('[') ? (JSON.parse(trimmed) as string[]) : undefined;
}

function parseLabels(value: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of value.matchAll(/([\w.-]+)="((?:[^"\\]|\\.)*)"/g)) labels[match[1]!] = match[2]!;
  return labels;
}

function parseCopy(value: string): Copy {
  const words = value.split(/\s+/);
  let from: string | undefined;
  while (words[0]?.startsWith('--')) {
    const flag = words.shift()!;
    if (flag.startsWith('--from=')) from = flag.slice('--from='.length);
  }
  const destination = words.pop() ?? '';
  return { from, sources: words, destination };
}

export function parseDockerfile(text: string): Dockerfile {
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of instructions(text)) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const value = rest.join(' ');
    const stage = stages.at(-1);
    switch (keyword.toUpperCase()) {
      case 'ARG': {
        const [name = '', fallback] = value.split('=');
        if (!stage && fallback !== undefined) args[name] = fallback;
        break;
      }
      case 'FROM': {
        const [base = '', as, name] = value.split(/\s+/);
        stages.push({ name: as?.toUpperCase() === 'AS' ? name : undefined, base, workdir: '/', copies: [], runs: [], labels: {}, healthcheck: undefined, entrypoint: undefined, cmd: undefined });
        break;
      }
      case 'WORKDIR':
        if (stage) stage.workdir = value.startsWith('/') ? value : `${stage.workdir.replace(/\/$/, '')}/${value}`;
        break;
      case 'COPY':
        stage?.copies.push(parseCopy(value));
        break;
      case 'RUN':
        stage?.runs.push(value);
        break;
      case 'LABEL':
        if (stage) Object.assign(stage.labels, parseLabels(value));
        break;
      case 'HEALTHCHECK': {
        const cmd = /\bCMD\s+(.*)$/.exec(value)?.[1];
        if (stage && cmd) stage.healthcheck = execForm(cmd) ?? ['/bin/sh', '-c', cmd];
        break;
      }
      case 'ENTRYPOINT':
        if (stage) stage.entrypoint = execForm(value) ?? ['/bin/sh', '-c', value];
        break;
      case 'CMD':
        if (stage) stage.cmd = execForm(value) ?? ['/bin/sh', '-c', value];
        break;
      default:
        break;
    }
  }
  return { args, stages };
}
