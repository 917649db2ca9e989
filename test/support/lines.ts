// Line builders for the QA scenarios: exact message shapes of messages.md §2-§4, host zone +08:00.

/** A logrus line as rke2 writes it to stderr.log (ECS) on a +08:00 host, on `day` (YYYY-MM-DD). */
export const logrus = (day: string, hms: string, level: string, msg: string, extra = '') =>
  `time="${day}T${hms}+08:00" level=${level} msg="${msg}"${extra ? ' ' + extra : ''}`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The same line behind a journald `short` prefix (`journalctl -u rke2-server`). */
export const journal = (host: string, pid: number, day: string, hms: string, level: string, msg: string, extra = '') => {
  const [, m, d] = day.split('-').map(Number);
  return `${MONTHS[m - 1]} ${String(d).padStart(2, ' ')} ${hms} ${host} rke2[${pid}]: ${logrus(day, hms, level, msg, extra)}`;
};

/** `url="wss://IP:9345/v1-rke2/connect"` */
export const url = (ip: string) => `url="wss://${ip}:9345/v1-rke2/connect"`;

export const WS_1006 = 'error="websocket: close 1006 (abnormal closure): unexpected EOF"';
export const SERVER_400 = 'error in remotedialer server [400]: websocket: close 1006 (abnormal closure): unexpected EOF';
export const noRoute = (ip: string) => `error="dial tcp ${ip}:9345: connect: no route to host"`;

/** ECS pod-reaper output: one run that force-deletes `pods` (namespace, pod, deletion timestamp). */
export function reaperRun(dateLine: string, pods: Array<[string, string, string]>, outcome: 'ok' | 'notfound' | 'none' = 'ok'): string[] {
  return [
    `${dateLine} Starting pod-reaper [Reap older than: 10 minute(s)][Namespace regex: *UNKNOWN*]`,
    ...pods.flatMap(([ns, p, ts]) => [
      `${dateLine} Force delete pod ${p} in namespace ${ns} with deletion timestamp: ${ts}`,
      'warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
      ...(outcome === 'ok' ? [`pod "${p}" force deleted`] : outcome === 'notfound' ? [`Error from server (NotFound): pods "${p}" not found`] : []),
    ]),
  ];
}
