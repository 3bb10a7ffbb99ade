/**
 * Where the export's CPU time goes: a CDP CPU profile of the page, its self
 * time summed by function and by source module. The page is built
 * unminified for this, and rolldown marks each module in the bundle with a
 * `// path` line, so a profile line number maps back to its module.
 */
import type { CDPSession } from '@playwright/test';

/** The parts of CDP's Profiler.Profile read here. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileLine {
  name: string;
  selfMs: number;
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  byModule: ProfileLine[];
  byFunction: ProfileLine[];
}

const TOP = 15;

export async function startProfile(session: CDPSession): Promise<void> {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 500 });
  await session.send('Profiler.start');
}

/**
 * Line (0-based) → module, from the bundle's `// path` markers. A CommonJS
 * package (tweetnacl) is inlined as `var import_x = … __commonJSMin(` up to
 * `})))(), 1);` inside its importer's region, so it gets a region of its own.
 */
function moduleIndex(bundle: string): Array<{ line: number; module: string }> {
  const marks: Array<{ line: number; module: string }> = [];
  let current = 'bundle';
  let outer: string | null = null;
  bundle.split('\n').forEach((text, line) => {
    const path = /^\/\/ ((?:src|bench|node_modules)\/\S+)$/.exec(text)?.[1];
    const commonJs = /^var import_(\w+) = .*__commonJSMin\(/.exec(text)?.[1];
    if (path !== undefined) current = packageOf(path);
    else if (commonJs !== undefined) {
      outer = current;
      current = `${commonJs} (CommonJS)`;
    } else if (outer !== null && text === '})))(), 1);') {
      marks.push({ line, module: current });
      current = outer;
      outer = null;
      marks.push({ line: line + 1, module: current });
      return;
    } else return;
    marks.push({ line, module: current });
  });
  return marks;
}

/** `node_modules/@zip.js/zip.js/lib/…` → `@zip.js/zip.js`; `src/vault/db.ts` → `src/vault`. */
function packageOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'node_modules') return parts[1]?.startsWith('@') ? `${parts[1]}/${parts[2]}` : (parts[1] ?? path);
  return parts.slice(0, -1).join('/') || path;
}

function moduleAt(marks: ReadonlyArray<{ line: number; module: string }>, line: number): string {
  let found = 'bundle';
  for (const mark of marks) {
    if (mark.line > line) break;
    found = mark.module;
  }
  return found;
}

function top(totals: Map<string, number>, all: number): ProfileLine[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([name, micros]) => ({ name, selfMs: Math.round(micros / 1000), percent: Number(((100 * micros) / all).toFixed(1)) }));
}

/** Stops the profiler and sums self time; `bundle` is the page's script text, `bundleName` its file name. */
export async function stopProfile(session: CDPSession, bundle: string, bundleName: string): Promise<ProfileSummary> {
  const { profile } = (await session.send('Profiler.stop')) as { profile: CpuProfile };
  await session.send('Profiler.disable');
  const marks = moduleIndex(bundle);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let all = 0;
  samples.forEach((id, i) => {
    // A sample's time is the gap to the next one.
    const micros = deltas[i + 1] ?? 0;
    const frame = nodes.get(id);
    if (frame === undefined) return;
    const inBundle = frame.url.endsWith(bundleName);
    const module = inBundle ? moduleAt(marks, frame.lineNumber) : frame.url !== '' ? frame.url : frame.functionName.startsWith('(') ? frame.functionName : '(V8 builtins)';
    const name = `${frame.functionName || '(anonymous)'}${inBundle ? ` [${module}]` : ''}`;
    byModule.set(module, (byModule.get(module) ?? 0) + micros);
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    all += micros;
  });
  return { totalMs: Math.round(all / 1000), byModule: top(byModule, all), byFunction: top(byFunction, all) };
}
