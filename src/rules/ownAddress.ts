// Lines in which a node names its own address (node-lifecycle.md §6): the kubelet's --node-ip, the
// apiserver's --advertise-address, etcd's own peer URLs. Never the rke2-serving TLS secret (every
// server's SANs) nor etcd's initial-cluster (every member).
import type { Rule } from './rule';

const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const IPV6 = String.raw`[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}`;
/** A flag's first address in a long, space-separated flag list (bounded: each token up to 4 KiB, 400 tokens). */
const flagAddress = (cmd: string, flag: string) => new RegExp(String.raw`^Running ${cmd} (?:\S{1,4096} ){0,400}?${flag}=(?<addr>${IPV4}|${IPV6})(?=[ ,]|$)`);

/** An etcd URL list (a JSON array as the zap reader keeps it) holding a routable IP, not loopback nor 0.0.0.0. */
const OWN_URL = new RegExp(String.raw`"https?://(?!127\.|0\.0\.0\.0[:"/]|\[::1?\])(?:${IPV4}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?"`);
const URL_IP = new RegExp(String.raw`"https?://(${IPV4}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?"`, 'g');

/** The first routable IP of an etcd URL list (the rule's `where` made sure there is one). */
export function ownIpOf(list: string | undefined): string {
  for (const m of (list ?? '').matchAll(URL_IP)) {
    const ip = m[1].replace(/^\[|\]$/g, '');
    if (!/^(?:127\.|0\.0\.0\.0$|::1?$)/.test(ip)) return ip;
  }
  return '';
}

const TLS_SECRET = 'Apr 28 21:11:02 test-controlplane-zbzgh-d6lsg rke2[1952]: time="2025-04-28T21:11:02Z" level=info msg="Updating TLS secret for kube-system/rke2-serving (count: 14): map[listener.cattle.io/cn-10.43.0.1:10.43.0.1 listener.cattle.io/cn-127.0.0.1:127.0.0.1 listener.cattle.io/cn-172.16.112.100:172.16.112.100 listener.cattle.io/cn-172.16.112.130:172.16.112.130 listener.cattle.io/cn-2001_41d0_fc30_400_e02f_f0ff_fee0_-29bc95:2001:41d0:fc30:400:e02f:f0ff:fee0:abd6 listener.cattle.io/cn-2001_41d0_fc30_400_e46e_73ff_fe88_-e364ad:2001:41d0:fc30:400:e46e:73ff:fe88:cbd6 listener.cattle.io/cn-__1-f16284:::1 listener.cattle.io/cn-kubernetes:kubernetes listener.cattle.io/cn-kubernetes.default:kubernetes.default listener.cattle.io/cn-kubernetes.default.svc:kubernetes.default.svc listener.cattle.io/cn-kubernetes.default.svc.cluster.local:kubernetes.default.svc.cluster.local listener.cattle.io/cn-localhost:localhost listener.cattle.io/cn-test-controlplane-zbzgh-d6lsg:test-controlplane-zbzgh-d6lsg listener.cattle.io/cn-test-etcd-fctn4-lgrj2:test-etcd-fctn4-lgrj2 listener.cattle.io/fingerprint:SHA1=C527D4C5B0548FCD2DD26308B808BEE8BBD62251]"';

export const ownAddressRules: Rule[] = [
  // real examples: rke2#4759 (its cuts kept), k3s CIS guide (index id 6836348925); noMatch index id 22516010785, rancher#50065
  {
    id: 'address.node-ip',
    kind: 'node.address',
    versions: 'rke2/k3s servers and agents, all; always set since RKE2 v1.28.3 / v1.27.7 / v1.26.10 / v1.25.15 (rke2#4759), before only when configured; dual-stack "IPv4,IPv6": the first is taken',
    needles: ['--node-ip='],
    match: flagAddress('kubelet', '--node-ip'),
    peer: 'none',
    detail: (g) => ({ address: g.addr, from: 'node-ip' }),
    examples: {
      match: [
        'Oct 24 19:45:25 ip-172-31-20-152 rke2[1642]: time="2023-10-24T19:45:25Z" level=info msg="Running kubelet --address=0.0.0.0 … --hostname-override=ip-172-31-20-152 … --node-ip=172.31.20.152 --node-labels= …"',
        'Apr 22 20:12:21 server-0 k3s[2397]: time="2024-04-22T20:12:21Z" level=info msg="Running kubelet --address=0.0.0.0 --allowed-unsafe-sysctls=net.ipv4.ip_forward,net.ipv6.conf.all.forwarding --anonymous-auth=false --authentication-token-webhook=true --authorization-mode=Webhook --cgroup-driver=systemd --client-ca-file=/var/lib/rancher/k3s/agent/client-ca.crt --cloud-provider=external --cluster-dns=10.43.0.10 --cluster-domain=cluster.local --container-runtime-endpoint=unix:///run/k3s/containerd/containerd.sock --containerd=/run/k3s/containerd/containerd.sock --event-qps=0 --eviction-hard=imagefs.available<5%,nodefs.available<5% --eviction-minimum-reclaim=imagefs.available=10%,nodefs.available=10% --fail-swap-on=false --feature-gates=CloudDualStackNodeIPs=true --healthz-bind-address=127.0.0.1 --hostname-override=server-0 --kubeconfig=/var/lib/rancher/k3s/agent/kubelet.kubeconfig --make-iptables-util-chains=true --node-ip=10.10.10.100 --node-labels= --pod-infra-container-image=rancher/mirrored-pause:3.6 --pod-manifest-path=/var/lib/rancher/k3s/agent/pod-manifests --protect-kernel-defaults=true --read-only-port=0 --resolv-conf=/run/systemd/resolve/resolv.conf --serialize-image-pulls=false --streaming-connection-idle-timeout=5m --tls-cert-file=/var/lib/rancher/k3s/agent/serving-kubelet.crt --tls-private-key-file=/var/lib/rancher/k3s/agent/serving-kubelet.key"',
      ],
      noMatch: [
        'Sep 29 16:05:44 tst-st-srv1 k3s[28281]: time="2022-09-29T16:05:44.097107228Z" level=info msg="Running kubelet --address=0.0.0.0 --anonymous-auth=false --authentication-token-webhook=true --authorization-mode=Webhook --cgroup-driver=cgroupfs --client-ca-file=/var/lib/rancher/k3s/agent/client-ca.crt --cloud-provider=external --cluster-dns=10.43.0.10 --cluster-domain=cluster.local --cni-bin-dir=/var/lib/rancher/k3s/data/9de9bfcf367b723ef0ac73dd91761165a4a8ad11ad16a758d3a996264e60c612/bin --cni-conf-dir=/var/lib/rancher/k3s/agent/etc/cni/net.d --container-runtime-endpoint=unix:///run/k3s/containerd/containerd.sock --container-runtime=remote --containerd=/run/k3s/containerd/containerd.sock --eviction-hard=imagefs.available<5%,nodefs.available<5% --eviction-minimum-reclaim=imagefs.available=10%,nodefs.available=10% --fail-swap-on=false --healthz-bind-address=127.0.0.1 --hostname-override=tst-st-srv1 --kubeconfig=/var/lib/rancher/k3s/agent/kubelet.kubeconfig --node-labels= --pod-manifest-path=/var/lib/rancher/k3s/agent/pod-manifests --read-only-port=0 --resolv-conf=/etc/resolv.conf --serialize-image-pulls=false --tls-cert-file=/var/lib/rancher/k3s/agent/serving-kubelet.crt --tls-private-key-file=/var/lib/rancher/k3s/agent/serving-kubelet.key"',
        TLS_SECRET,
      ],
    },
  },
  // real examples: k3s CIS guide (index id 6991123415); noMatch rke2#2258, rancher#50065
  {
    id: 'address.advertise-address',
    kind: 'node.address',
    versions: 'rke2/k3s servers, all: only when advertise-address, node-external-ip or node-ip is configured (flags are sorted, so it comes first)',
    needles: ['--advertise-address='],
    match: flagAddress('kube-apiserver', '--advertise-address'),
    peer: 'none',
    detail: (g) => ({ address: g.addr, from: 'advertise-address' }),
    examples: {
      match: ['Sep 13 13:26:40 k3s-123-cis-pool3-b403f678-bzdg5 k3s[1600]: time="2022-09-13T13:26:40Z" level=info msg="Running kube-apiserver --advertise-address=172.31.0.140 --advertise-port=6443 --allow-privileged=true --anonymous-auth=false --api-audiences=https://kubernetes.default.svc.cluster.local,k3s --authorization-mode=Node,RBAC --bind-address=127.0.0.1 --cert-dir=/var/lib/rancher/k3s/server/tls/temporary-certs --client-ca-file=/var/lib/rancher/k3s/server/tls/client-ca.crt --egress-selector-config-file=/var/lib/rancher/k3s/server/etc/egress-selector-config.yaml --enable-admission-plugins=NodeRestriction --enable-aggregator-routing=true --etcd-cafile=/var/lib/rancher/k3s/server/tls/etcd/server-ca.crt --etcd-certfile=/var/lib/rancher/k3s/server/tls/etcd/client.crt --etcd-keyfile=/var/lib/rancher/k3s/server/tls/etcd/client.key --etcd-servers=https://127.0.0.1:2379 --feature-gates=JobTrackingWithFinalizers=true --kubelet-certificate-authority=/var/lib/rancher/k3s/server/tls/server-ca.crt --kubelet-client-certificate=/var/lib/rancher/k3s/server/tls/client-kube-apiserver.crt --kubelet-client-key=/var/lib/rancher/k3s/server/tls/client-kube-apiserver.key --kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname --profiling=false --proxy-client-cert-file=/var/lib/rancher/k3s/server/tls/client-auth-proxy.crt --proxy-client-key-file=/var/lib/rancher/k3s/server/tls/client-auth-proxy.key --requestheader-allowed-names=system:auth-proxy --requestheader-client-ca-file=/var/lib/rancher/k3s/server/tls/request-header-ca.crt --requestheader-extra-headers-prefix=X-Remote-Extra- --requestheader-group-headers=X-Remote-Group --requestheader-username-headers=X-Remote-User --secure-port=6444 --service-account-issuer=https://kubernetes.default.svc.cluster.local --service-account-key-file=/var/lib/rancher/k3s/server/tls/service.key --service-account-signing-key-file=/var/lib/rancher/k3s/server/tls/service.key --service-cluster-ip-range=10.43.0.0/16 --service-node-port-range=30000-32767 --storage-backend=etcd3 --tls-cert-file=/var/lib/rancher/k3s/server/tls/serving-kube-apiserver.crt --tls-private-key-file=/var/lib/rancher/k3s/server/tls/serving-kube-apiserver.key"'],
      noMatch: ['rke2[1596]: time="2021-12-10T17:28:12Z" level=info msg="Running kube-apiserver --advertise-port=6443 --allow-privileged=true --anonymous-auth=false …"', TLS_SECRET],
    },
  },
  // real examples: k3s restore (index id 8867313876); noMatch index ids 8867313876, 9352607907
  {
    id: 'address.etcd-start',
    kind: 'node.address',
    versions: 'etcd 3.4-3.6 ("starting an etcd server", "now serving peer/client/metrics"): initial-advertise-peer-urls, never initial-cluster (every member)',
    needles: ['"initial-advertise-peer-urls":'],
    match: /^(?:starting an etcd server|now serving peer\/client\/metrics)$/,
    formats: ['zap-json'],
    where: { 'initial-advertise-peer-urls': OWN_URL },
    peer: 'none',
    detail: (_g, r) => ({ address: ownIpOf(r.fields['initial-advertise-peer-urls']), from: 'etcd-peer-url' }),
    examples: {
      match: [
        '{"level":"info","ts":"2022-04-26T16:27:02.903+0800","caller":"embed/etcd.go:302","msg":"starting an etcd server","etcd-version":"3.4.13","git-sha":"Not provided (use ./build instead of go build)","go-version":"go1.16.10","go-os":"linux","go-arch":"amd64","max-cpu-set":8,"max-cpu-available":8,"member-initialized":true,"name":"lkarrie-46d33e4d","data-dir":"/k3s/data/server/db/etcd","wal-dir":"","wal-dir-dedicated":"","member-dir":"/k3s/data/server/db/etcd/member","force-new-cluster":true,"heartbeat-interval":"500ms","election-timeout":"5s","initial-election-tick-advance":true,"snapshot-count":100000,"snapshot-catchup-entries":5000,"initial-advertise-peer-urls":["https://172.19.116.104:2380"],"listen-peer-urls":["https://172.19.116.104:2380"],"advertise-client-urls":["https://172.19.116.104:2379"],"listen-client-urls":["https://127.0.0.1:2379","https://172.19.116.104:2379"],"listen-metrics-urls":["http://127.0.0.1:2381"],"cors":["*"],"host-whitelist":["*"],"initial-cluster":"","initial-cluster-state":"new","initial-cluster-token":"","quota-size-bytes":2147483648,"pre-vote":false,"initial-corrupt-check":false,"corrupt-check-time-interval":"0s","auto-compaction-mode":"","auto-compaction-retention":"0s","auto-compaction-interval":"0s","discovery-url":"","discovery-proxy":""}',
        '{"level":"info","ts":"2022-04-26T16:27:02.974+0800","caller":"embed/etcd.go:244","msg":"now serving peer/client/metrics","local-member-id":"c7c339b29d8306d0","initial-advertise-peer-urls":["https://172.19.116.104:2380"],"listen-peer-urls":["https://172.19.116.104:2380"],"advertise-client-urls":["https://172.19.116.104:2379"],"listen-client-urls":["https://127.0.0.1:2379","https://172.19.116.104:2379"],"listen-metrics-urls":["http://127.0.0.1:2381"]}',
      ],
      noMatch: [
        '{"level":"info","msg":"added member","cluster-id":"fab63039fad5f70c","local-member-id":"0","added-peer-id":"c7c339b29d8306d0","added-peer-peer-urls":["https://172.19.116.104:2380"]}',
        '{"level":"info","ts":"2022-12-21T10:29:00.742Z","caller":"etcdserver/server.go:2054","msg":"published local member to cluster through raft","local-member-id":"d975d9ebc69964b3","local-member-attributes":"{Name:k8s-master ClientURLs:[https://192.168.2.200:2379]}","request-path":"/0/members/d975d9ebc69964b3/attributes","cluster-id":"f88ac1c8c4bab6","publish-timeout":"7s"}',
      ],
    },
  },
  // real examples: rke2#668, index id 8867313876; noMatch index ids 14849281012, 8867313876
  {
    id: 'address.etcd-peer-listeners',
    kind: 'node.address',
    versions: 'etcd 3.4-3.6 "configuring peer listeners": listen-peer-urls, when not only loopback or 0.0.0.0',
    needles: ['"listen-peer-urls":'],
    match: /^configuring peer listeners$/,
    formats: ['zap-json'],
    where: { 'listen-peer-urls': OWN_URL },
    peer: 'none',
    detail: (_g, r) => ({ address: ownIpOf(r.fields['listen-peer-urls']), from: 'etcd-peer-url' }),
    examples: {
      match: [
        '{"level":"info","ts":"2021-02-02T09:43:09.369Z","caller":"embed/etcd.go:117","msg":"configuring peer listeners","listen-peer-urls":["https://192.168.100.1:2380"]}',
        '{"level":"info","ts":"2022-04-26T16:27:02.902+0800","caller":"embed/etcd.go:117","msg":"configuring peer listeners","listen-peer-urls":["https://172.19.116.104:2380"]}',
      ],
      noMatch: [
        '{"level":"info","ts":"2022-08-21T18:38:58.790Z","caller":"embed/etcd.go:131","msg":"configuring peer listeners","listen-peer-urls":["http://localhost:2380"]}',
        '{"level":"info","ts":"2022-04-26T16:27:02.902+0800","caller":"embed/etcd.go:127","msg":"configuring client listeners","listen-client-urls":["https://127.0.0.1:2379","https://172.19.116.104:2379"]}',
      ],
    },
  },
  // real examples: kubeadm etcd (index id 9352607907); noMatch index ids 1706356843, 8867313876
  {
    id: 'address.etcd-closing',
    kind: 'node.address',
    versions: 'etcd 3.4-3.6 "closing etcd server" / "closed etcd server": advertise-peer-urls. A "closing" line is also lifecycle.etcd-closing\'s stop, so its real example (two events from one line) is in test/rules/lifecycle.test.ts',
    needles: ['"advertise-peer-urls":'],
    match: /^clos(?:ing|ed) etcd server$/,
    formats: ['zap-json'],
    where: { 'advertise-peer-urls': OWN_URL },
    peer: 'none',
    detail: (_g, r) => ({ address: ownIpOf(r.fields['advertise-peer-urls']), from: 'etcd-peer-url' }),
    examples: {
      match: ['{"level":"info","ts":"2022-12-21T10:30:20.639Z","caller":"embed/etcd.go:375","msg":"closed etcd server","name":"k8s-master","data-dir":"/var/lib/etcd","advertise-peer-urls":["https://192.168.2.200:2380"],"advertise-client-urls":["https://192.168.2.200:2379"]}'],
      noMatch: [
        '{"level":"info","ts":"2025-03-01T04:35:01.443088+0530","caller":"embed/etcd.go:408","msg":"closing etcd server","name":"node1","data-dir":"/tmp/etcd-node1","advertise-peer-urls":["http://127.0.0.1:2380"],"advertise-client-urls":["http://127.0.0.1:2379"]}',
        '{"level":"info","ts":"2022-04-26T16:27:02.055+0800","caller":"embed/etcd.go:367","msg":"closed etcd server","name":"default","data-dir":"/k3s/data/server/db/tmp-etcd","advertise-peer-urls":["http://localhost:2380"],"advertise-client-urls":["http://localhost:2379"]}',
      ],
    },
  },
];
