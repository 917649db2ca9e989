// Runs a command several times and keeps the median wall time and the peak RSS, read from
// GNU time (`/usr/bin/time -v`) when present (without it the RSS column stays empty).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Measured { seconds: number; runs: number[]; rssMB: number | null; cpuPercent: number | null; stdout: string }

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Median of a non-empty list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Runs `sh -c cmd` `runs` times; fails loudly when the command fails. */
export function measure(cmd: string, runs: number): Measured {
  const times: number[] = [];
  const rss: number[] = [];
  const cpu: number[] = [];
  let stdout = '';
  for (let i = 0; i < runs; i++) {
    const argv = GNU_TIME ? [GNU_TIME, '-v', 'sh', '-c', cmd] : ['sh', '-c', cmd];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 });
    const dt = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
    times.push(dt);
    stdout = r.stdout;
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    if (m) rss.push(+m[1] / 1024);
    const c = /Percent of CPU this job got: (\d+)%/.exec(r.stderr);
    if (c) cpu.push(+c[1]);
  }
  return { seconds: median(times), runs: times, rssMB: rss.length ? Math.max(...rss) : null, cpuPercent: cpu.length ? median(cpu) : null, stdout };
}

/** True when `tool` is on the PATH. */
export function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status === 0;
}
