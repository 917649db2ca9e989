// Human durations shared by findings and renderers: 26m25s, 36s, 1h02m03s, -5s.

export function fmtDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const neg = seconds < 0;
  let s = Math.round(Math.abs(seconds));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const body = h ? `${h}h${pad(m)}m${pad(s)}s` : m ? `${m}m${pad(s)}s` : `${s}s`;
  return (neg ? '-' : '') + body;
}
