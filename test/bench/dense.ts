// Event-dense benchmark logs (issue 11): agents that lost their servers log a reconnect loop
// (connecting, failed, proxy error) every few seconds for weeks, a server logs etcd prober lines
// for the same peers. `journald`: one journal paste of 3 observers (2 agents, 1 server) about 2
// peers, each line with its host; `logrus`: one agent's plain stderr.log about the same 2 peers.
import { closeSync, openSync, writeSync } from 'node:fs';

export type DenseVariant = 'journald' | 'logrus';

/** What a dense log holds: bytes, lines and how many of them are event lines (carry a rule's needle and match). */
export interface DenseStats { bytes: number; lines: number; eventLines: number }

const PEERS = ['10.0.0.12', '10.0.0.13'];
const AGENTS = [{ host: 'ecs-w1', ip: '10.0.0.21', pid: 988 }, { host: 'ecs-w2', ip: '10.0.0.22', pid: 1012 }];
const SERVER = { host: 'ecs-m1', ip: '10.0.0.11', pid: 1532 };
const MEMBER_ID: Record<string, string> = { '10.0.0.12': '9ed8c8a5b9b4bd3c', '10.0.0.13': '4c1b5e0d2f3a6b7c' };
/** 2022-12-01T00:00:00+08:00 */
const T0 = Date.UTC(2022, 10, 30, 16, 0, 0);
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Which peers are down at `t`: the first from 10 min in to day 20, the second 2 hours of every 6. */
function downAt(t: number): boolean[] {
  const s = (t - T0) / 1000;
  return [s >= 600 && s < 20 * 86400, s % 21600 >= 3600 && s % 21600 < 10800];
}

/** Local wall clock (+08:00) pieces of an instant. */
function wall(t: number): { iso: string; sys: string } {
  const d = new Date(t + 8 * 3_600_000);
  const hms = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return { iso: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${hms}+08:00`, sys: `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms}` };
}

/** What dialing a down server answers: no route while it is off, refused while it boots, now and then a timeout. */
const ERRORS = ['connect: no route to host', 'connect: no route to host', 'connect: connection refused', 'i/o timeout'];

/** The reconnect-loop triple of one agent about one peer; the error changes every few hours. */
function loop(iso: string, peer: string, phase: number): string[] {
  const err = ERRORS[phase % ERRORS.length];
  const dial = `dial tcp ${peer}:9345: ${err}`;
  return [
    `time="${iso}" level=info msg="Connecting to proxy" url="wss://${peer}:9345/v1-rke2/connect"`,
    `time="${iso}" level=error msg="Failed to connect to proxy" error="${dial}"`,
    `time="${iso}" level=error msg="Remotedialer proxy error" error="${dial}"`,
  ];
}

/** What an observer logs when a peer goes away (the tunnel breaks) or comes back (it reconnects). */
function edge(iso: string, peer: string, up: boolean): string[] {
  const url = `url="wss://${peer}:9345/v1-rke2/connect"`;
  return up
    ? [`time="${iso}" level=info msg="Remotedialer connected to proxy" ${url}`, `time="${iso}" level=info msg="Started tunnel to ${peer}:9345"`]
    : [`time="${iso}" level=error msg="Remotedialer proxy error" error="websocket: close 1006 (abnormal closure): unexpected EOF" ${url}`];
}

/** etcd's prober about one down peer (its two round trippers in turn, every 5 s), as rke2's journal holds it. */
function prober(t: number, peer: string, k: number): string {
  const rt = k % 2 ? 'ROUND_TRIPPER_RAFT_MESSAGE' : 'ROUND_TRIPPER_SNAPSHOT';
  return `{"level":"warn","ts":"${new Date(t + 907).toISOString()}","caller":"rafthttp/probing_status.go:68","msg":"prober detected unhealthy status","round-tripper-name":"${rt}","remote-peer-id":"${MEMBER_ID[peer]}","rtt":"0s","error":"dial tcp ${peer}:2380: connect: connection refused"}`;
}

/** Quiet lines (no rule needle) between the loops: about one in twenty. */
function quiet(iso: string, k: number): string {
  return k % 2
    ? `time="${iso}" level=info msg="Handling backend connection request [ecs-w${(k % 5) + 3}] done" requests=${k % 97}`.replace('Handling backend connection request', 'Handled backend request')
    : `time="${iso}" level=info msg="Cluster-Http-Server 2022/12/01 http: TLS handshake error from 10.0.2.${k % 250}:${40000 + (k % 20000)}: EOF"`;
}

/** How much to write: about this many bytes, or this many event lines. */
export type DenseSize = { bytes: number } | { events: number };

/** Writes a dense log of about the size asked into `out`. */
export function denseLog(out: string, size: DenseSize, variant: DenseVariant): DenseStats {
  const fd = openSync(out, 'w');
  const st: DenseStats = { bytes: 0, lines: 0, eventLines: 0 };
  let buf = '';
  const emit = (line: string, event: boolean) => {
    buf += line + '\n';
    st.lines++;
    if (event) st.eventLines++;
    if (buf.length >= 1 << 22) { st.bytes += writeSync(fd, buf); buf = ''; }
  };
  const observers = variant === 'journald' ? [...AGENTS, SERVER] : [AGENTS[0]];
  let k = 0;
  // every peer is up when the log starts; each observer logs the edges it sees
  const was = observers.map(() => PEERS.map(() => false));
  const more = 'bytes' in size ? () => st.bytes + buf.length < size.bytes : () => st.eventLines < size.events;
  for (let t = T0; more(); t += 1000) {
    const w = wall(t);
    const down = downAt(t);
    const sec = (t - T0) / 1000;
    for (const [o, ob] of observers.entries()) {
      const pre = variant === 'journald' ? `${w.sys} ${ob.host} rke2[${ob.pid}]: ` : '';
      for (const [p, peer] of PEERS.entries()) {
        if (down[p] !== was[o][p] || t === T0) for (const l of edge(w.iso, peer, !down[p])) emit(pre + l, true);
        was[o][p] = down[p];
        // each observer-peer loop fires every 5 s, at its own phase, sometimes a second late
        if (!down[p] || (sec + o * 2 + p * 3 + (Math.floor(sec / 50) % 2)) % 5 !== 0) continue;
        for (const l of loop(w.iso, peer, Math.floor(sec / 10800) + p)) emit(pre + l, true);
        k++;
        if (ob === SERVER) emit(pre + prober(t, peer, k), true);
      }
      if ((sec + o * 7) % 20 === 0) emit(pre + quiet(w.iso, k++), false);
    }
  }
  st.bytes += writeSync(fd, buf);
  closeSync(fd);
  return st;
}
