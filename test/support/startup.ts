// A node's start-up, by release wording: the first rke2 lines, the agents' load balancers and the
// tunnels to every server. Options give the shapes beyond the default (wording.ts StartOptions):
// unnamed 2020-2022 lists, the configured-server swap, the node's own address, debug lines.
import { lbUpdate, li, RELEASE, url, type Ctx, type Marked } from './wording';

const S = 1000;

/** `Running kubelet ... --node-ip=IP` (rke2#4759: the flag is always there since the Oct 2023 releases; real line in SOURCES.md class 8). */
function kubeletLine(c: Ctx, t: number): Marked {
  const flags = [
    '--address=0.0.0.0', '--anonymous-auth=false', '--authentication-token-webhook=true', '--authorization-mode=Webhook', '--cgroup-driver=systemd',
    '--client-ca-file=/var/lib/rancher/rke2/agent/client-ca.crt', '--cloud-provider=external', '--cluster-dns=10.43.0.10', '--cluster-domain=cluster.local',
    '--container-runtime-endpoint=unix:///run/k3s/containerd/containerd.sock', '--fail-swap-on=false', '--healthz-bind-address=127.0.0.1',
    `--hostname-override=${c.self.name}`, '--kubeconfig=/var/lib/rancher/rke2/agent/kubelet.kubeconfig', '--log-file=/var/lib/rancher/rke2/agent/logs/kubelet.log',
    `--node-ip=${c.self.ip}`, '--node-labels=', '--pod-manifest-path=/var/lib/rancher/rke2/agent/pod-manifests', '--read-only-port=0',
    '--tls-cert-file=/var/lib/rancher/rke2/agent/serving-kubelet.crt', '--tls-private-key-file=/var/lib/rancher/rke2/agent/serving-kubelet.key',
  ];
  return li(t, `Running kubelet ${flags.join(' ')}`);
}

/** `Running load balancer ...` at start, pointing at the configured server only. */
function runningLb(c: Ctx, t: number, to: string): Marked[] {
  if (c.w === '2022' && c.o?.unnamedLb) {
    // rke2#251 (2020): `Running load balancer 127.0.0.1:33013 -> [100.80.250.204:6443]`: no name, a random local port
    return [li(t, `Running load balancer 127.0.0.1:6444 -> [${to}:9345]`), li(t, `Running load balancer 127.0.0.1:33013 -> [${to}:6443]`)];
  }
  const run = (p: number) => (c.w === '2022' ? '' : ` [default: ${to}:${p}]`);
  const out = [li(t, `Running load balancer rke2-agent-load-balancer 127.0.0.1:6444 -> [${to}:9345]${run(9345)}`)];
  if (c.o?.configured) out.push(li(t, `Running load balancer rke2-api-server-agent-load-balancer 127.0.0.1:6443 -> [${to}:6443]${run(6443)}`));
  return out;
}

/**
 * The agent replaces its configured server with the ones the server advertises, on both balancers
 * (rke2-5775 and k3s-9860 in test/data/real): the default moves, the advertised servers are added,
 * the configured one is removed. Not a loss (DESIGN §6b).
 */
function swap(c: Ctx, t: number, conf: string): Marked[] {
  const first = c.servers[0];
  if (c.w === '2022') {
    // k3s 21-25: `Updating load balancer %s default server address -> %s`, then the list (messages.md §2.3)
    return [
      li(t, `Updating load balancer rke2-agent-load-balancer default server address -> ${first.ip}:9345`),
      lbUpdate(c, t, 'api', c.servers), lbUpdate(c, t, 'agent', c.servers),
    ];
  }
  const dflt = c.w === '2025'
    ? `Updated load balancer rke2-agent-load-balancer default server: ${first.ip}:9345` // 29e+ wording (k3s#11329)
    : `Updated load balancer rke2-agent-load-balancer default server address -> ${first.ip}:9345`;
  const out: Marked[] = [li(t, dflt)];
  for (const [lb, port] of [['api', 6443], ['agent', 9345]] as const) {
    const name = lb === 'agent' ? 'rke2-agent-load-balancer' : 'rke2-api-server-agent-load-balancer';
    for (const s of c.servers) out.push(li(t, `Adding server to load balancer ${name}: ${s.ip}:${port}`));
    out.push(li(t, `Removing server from load balancer ${name}: ${conf}:${port}`));
    if (c.o?.debug && lb === 'api') out.push({ t, kind: 'logrus', level: 'debug', msg: 'Closing 1 connections to load balancer server' });
    out.push(lbUpdate(c, t, lb, c.servers));
  }
  return out;
}

/** A node's start-up, `t` = process start: LB lists and tunnels to every server (that is up). */
export function startup(c: Ctx, t: number): Marked[] {
  const r = RELEASE[c.w];
  const agent = c.self.role === 'agent';
  const o = c.o ?? {};
  const others = c.servers.filter((s) => s.ip !== c.self.ip || o.ownAddress);
  const out: Marked[] = [
    { t, kind: 'logrus', level: 'warning', msg: 'not running in CIS mode' },
    li(t, `Starting rke2 ${agent ? 'agent ' : ''}${r.rke2} (${r.commit})`),
  ];
  if (agent) {
    out.push(...runningLb(c, t, o.configured ?? c.def.ip));
    out.push(li(t + 5 * S, 'Containerd is now running'));
    if (o.configured) out.push(li(t + 6 * S, 'Getting list of apiserver endpoints from server'), ...swap(c, t + 6 * S, o.configured));
    else out.push(lbUpdate(c, t + 6 * S, 'api', c.servers), lbUpdate(c, t + 6 * S, 'agent', c.servers));
  } else {
    out.push(li(t + 5 * S, 'Containerd is now running'));
  }
  if (o.ownAddress) out.push(kubeletLine(c, t + 5 * S));
  for (const s of agent ? c.servers : others) {
    // a server that is down answers nothing: its attempts and failures are the tunnel loop's (loops.ts)
    if (o.up && !o.up(s, t + 6 * S) && s.ip !== c.self.ip) continue;
    out.push(li(t + 6 * S, 'Connecting to proxy', [['url', url(s.ip)]]));
    if (c.w === '2024' || c.w === '2025') out.push(li(t + 6 * S, 'Remotedialer connected to proxy', [['url', url(s.ip)]]));
  }
  if (agent) out.push(li(t + 6 * S, 'Stopped tunnel to 127.0.0.1:9345'));
  if (o.debug) out.push(...debugLines(c, t + 7 * S));
  out.push(li(t + 9 * S, `rke2 ${agent ? 'agent ' : ''}is up and running`));
  return out;
}

/** `debug: true` lines seen in real pastes (rke2-5949, rke2-5775): none is an event. */
export function debugLines(c: Ctx, t: number): Marked[] {
  const d = (msg: string): Marked => ({ t, kind: 'logrus', level: 'debug', msg });
  const out = [d('Wrote ping'), d('Wrote ping')];
  if (c.self.role === 'agent') out.push(d(`Tunnel authorizer failed to get Kubelet Port: nodes "${c.self.name}" not found`));
  return out;
}
