// etcd server (static pod, zap JSON) and etcd client / supervisor messages (messages.md §1.4, §1.5,
// §2.5, §2.6). Peers are hex member ids unless the line also names the peer's address.
import type { EtcdPeerDetail, LogRecord } from '../types';
import { addrIn, etcdIdOf, type Rule } from './rule';

const ETCD_FORMATS = ['zap-json', 'journald', 'cri', 'syslog-iso'];

/** Member id and, when the same line reveals it, the peer's address (for id -> address mapping). */
function peerDetail(rec: LogRecord): EtcdPeerDetail {
  const addr = addrIn(rec.fields.error) ?? addrIn(rec.fields.address);
  return { peerId: etcdIdOf(rec.fields), peerAddr: addr, error: rec.fields.error ?? null };
}

export const etcdRules: Rule[] = [
  {
    id: 'etcd.peer-lost',
    kind: 'etcd.peer-unreachable',
    versions: 'etcd 3.4-3.6 rafthttp: "lost TCP streaming connection with remote peer", "peer became inactive (...)"',
    needles: ['lost TCP streaming connection with remote peer', 'peer became inactive'],
    formats: ETCD_FORMATS,
    match: /^(?:lost TCP streaming connection with remote peer|peer became inactive \(message send to peer failed\))$/,
    peer: 'etcd',
    detail: (_g, r) => ({ ...peerDetail(r), transition: true }),
    examples: {
      match: [
        '{"level":"warn","ts":"2022-12-29T09:13:27.905Z","caller":"rafthttp/peer_status.go:68","msg":"peer became inactive (message send to peer failed)","peer-id":"9ed8c8a5b9b4bd3c","error":"failed to read 9ed8c8a5b9b4bd3c on stream MsgApp v2 (unexpected EOF)"}',
        '{"level":"warn","ts":"2022-12-29T09:13:27.906Z","caller":"rafthttp/stream.go:436","msg":"lost TCP streaming connection with remote peer","stream-reader-type":"stream MsgApp v2","local-member-id":"8e9e05c52164694d","remote-peer-id":"9ed8c8a5b9b4bd3c","error":"unexpected EOF"}',
        '{"level":"warn","ts":"2023-11-22T09:13:27.9051Z","caller":"rafthttp/peer_status.go:66","msg":"peer became inactive (message send to peer failed)","peer-id":"9ed8c8a5b9b4bd3c","error":"failed to dial 9ed8c8a5b9b4bd3c on stream Message (dial tcp 10.0.0.12:2380: connect: connection refused)"}',
        '2026-08-20T09:13:27.905100123Z stderr F {"level":"warn","ts":"2026-08-20T09:13:27.905100Z","caller":"rafthttp/stream.go:421","msg":"lost TCP streaming connection with remote peer","stream-writer-type":"stream Message","local-member-id":"8e9e05c52164694d","remote-peer-id":"9ed8c8a5b9b4bd3c"}',
      ],
      noMatch: [
        '{"level":"info","ts":"2023-11-22T09:32:44.77302Z","caller":"rafthttp/peer_status.go:53","msg":"peer became active","peer-id":"9ed8c8a5b9b4bd3c"}',
        'time="2022-12-29T17:13:37+08:00" level=info msg="lost TCP streaming connection with remote peer"',
      ],
    },
  },
  {
    id: 'etcd.peer-down',
    kind: 'etcd.peer-unreachable',
    versions: 'etcd 3.4-3.6: "prober detected unhealthy status" (every 5 s while down), "failed to reach the peer URL"',
    needles: ['prober detected unhealthy status', 'failed to reach the peer URL'],
    formats: ETCD_FORMATS,
    match: /^(?:prober detected unhealthy status|failed to reach the peer URL)$/,
    peer: 'etcd',
    detail: (_g, r) => peerDetail(r),
    examples: {
      match: [
        '{"level":"warn","ts":"2022-12-29T09:13:32.907Z","caller":"rafthttp/probing_status.go:70","msg":"prober detected unhealthy status","round-tripper-name":"ROUND_TRIPPER_RAFT_MESSAGE","remote-peer-id":"9ed8c8a5b9b4bd3c","rtt":"1.203481ms","error":"dial tcp 10.0.0.12:2380: connect: no route to host"}',
        '{"level":"warn","ts":"2024-10-20T09:13:31.90513Z","caller":"rafthttp/probing_status.go:68","msg":"prober detected unhealthy status","round-tripper-name":"ROUND_TRIPPER_SNAPSHOT","remote-peer-id":"9ed8c8a5b9b4bd3c","rtt":"1.87ms","error":"dial tcp 10.0.0.12:2380: connect: no route to host"}',
        '{"level":"warn","ts":"2026-08-20T09:13:33.101200Z","caller":"etcdserver/cluster_util.go:294","msg":"failed to reach the peer URL","address":"https://10.0.0.12:2380/version","remote-member-id":"9ed8c8a5b9b4bd3c","error":"Get \\"https://10.0.0.12:2380/version\\": dial tcp 10.0.0.12:2380: connect: connection refused"}',
      ],
      noMatch: ['{"level":"info","ts":"2022-12-29T09:32:44.773Z","caller":"rafthttp/stream.go:250","msg":"established TCP streaming connection with remote peer","stream-writer-type":"stream MsgApp v2","local-member-id":"8e9e05c52164694d","remote-peer-id":"9ed8c8a5b9b4bd3c"}'],
    },
  },
  {
    id: 'etcd.peer-back',
    kind: 'etcd.peer-back',
    versions: 'etcd 3.4-3.6: "peer became active", "established TCP streaming connection with remote peer"',
    needles: ['peer became active', 'established TCP streaming connection'],
    formats: ETCD_FORMATS,
    match: /^(?:peer became active|established TCP streaming connection with remote peer)$/,
    peer: 'etcd',
    detail: (_g, r) => peerDetail(r),
    examples: {
      match: [
        '{"level":"info","ts":"2023-11-22T09:32:44.77302Z","caller":"rafthttp/peer_status.go:53","msg":"peer became active","peer-id":"9ed8c8a5b9b4bd3c"}',
        '{"level":"info","ts":"2022-12-29T09:32:44.773Z","caller":"rafthttp/stream.go:250","msg":"established TCP streaming connection with remote peer","stream-writer-type":"stream MsgApp v2","local-member-id":"8e9e05c52164694d","remote-peer-id":"9ed8c8a5b9b4bd3c"}',
      ],
      noMatch: ['{"level":"warn","ts":"2022-12-29T09:13:27.905Z","caller":"rafthttp/peer_status.go:68","msg":"peer became inactive (message send to peer failed)","peer-id":"9ed8c8a5b9b4bd3c","error":"failed to read 9ed8c8a5b9b4bd3c on stream MsgApp v2 (unexpected EOF)"}'],
    },
  },
  {
    id: 'etcd.leader',
    kind: 'etcd.leader-changed',
    versions: 'raft (etcd 3.4-3.6): "lost leader", "elected leader", "changed leader", "became leader"',
    needles: [' lost leader ', ' elected leader ', ' changed leader ', ' became leader '],
    formats: ETCD_FORMATS,
    match: /^(?:raft\.node: )?(?<local>[0-9a-f]{1,16}) (?:(?<what>lost) leader (?<id>[0-9a-f]{1,16})|(?<what2>elected) leader (?<to>[0-9a-f]{1,16})|(?<what3>changed) leader from (?<from>[0-9a-f]{1,16}) to (?<to2>[0-9a-f]{1,16})|(?<what4>became) leader) at term (?<term>\d{1,20})$/,
    peer: 'etcd',
    detail: (g) => ({
      change: (g.what ?? g.what2 ?? g.what3 ?? g.what4) as 'lost' | 'elected' | 'changed' | 'became',
      local: g.local,
      leader: g.to ?? g.to2 ?? (g.what4 ? g.local : null),
      peerId: g.id ?? g.from ?? null,
      term: Number(g.term),
    }),
    examples: {
      match: [
        '{"level":"info","ts":"2022-12-29T09:13:28.612Z","caller":"raft/node.go:331","msg":"raft.node: 8e9e05c52164694d lost leader 9ed8c8a5b9b4bd3c at term 5"}',
        '{"level":"info","ts":"2022-12-29T09:13:29.640Z","caller":"raft/node.go:325","msg":"raft.node: 8e9e05c52164694d elected leader 8e9e05c52164694d at term 6"}',
        '{"level":"info","ts":"2026-08-20T09:13:29.640100Z","logger":"raft","caller":"v3@v3.6.0/raft.go:970","msg":"8e9e05c52164694d became leader at term 6"}',
        '{"level":"info","ts":"2023-11-22T09:30:12.1Z","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"raft.node: 8e9e05c52164694d changed leader from 9ed8c8a5b9b4bd3c to 8e9e05c52164694d at term 7"}',
      ],
      noMatch: ['{"level":"info","ts":"2026-08-20T09:13:28.612804Z","logger":"raft","caller":"v3@v3.6.0/raft.go:988","msg":"8e9e05c52164694d is starting a new election at term 5"}'],
    },
  },
  {
    id: 'etcd.no-leader',
    kind: 'etcd.leader-changed',
    versions: 'etcd 3.4-3.6 health endpoint: "serving /health false; no leader"',
    needles: ['serving /health false; no leader'],
    formats: ETCD_FORMATS,
    match: /^serving \/health false; no leader$/,
    peer: 'none',
    detail: () => ({ change: 'no-leader', leader: null }),
    examples: {
      match: ['{"level":"warn","ts":"2023-11-22T09:13:30.1Z","caller":"etcdhttp/metrics.go:173","msg":"serving /health false; no leader"}'],
      noMatch: ['{"level":"warn","ts":"2023-11-22T09:13:30.1Z","caller":"etcdhttp/metrics.go:173","msg":"serving /health false; QGET failed etcdserver: request timed out"}'],
    },
  },
  {
    id: 'etcd.promoted',
    kind: 'etcd.member-promoted',
    versions: 'k3s 21-main supervisor: "Promoted learner %s" (member name = node name + "-" + 8 hex)',
    needles: ['Promoted learner'],
    match: /^Promoted learner (?<name>\S{1,300})$/,
    peer: 'name',
    detail: (g) => ({ member: g.name }),
    examples: {
      match: ['Nov 22 17:33:02 ecs-m1 rke2[1532]: time="2023-11-22T17:33:02+08:00" level=info msg="Promoted learner ecs-m2-5e6f7a8b"'],
      noMatch: ['time="2023-11-22T17:33:02+08:00" level=warning msg="Learner ecs-m2-5e6f7a8b stalled at RaftAppliedIndex=1024 for 1m0s"'],
    },
  },
  {
    id: 'etcd.client-retry',
    kind: 'etcd.waiting',
    versions: 'etcd client 3.4 (no logger), 3.5 "etcd-client" (k3s 24-28*), "rke2-etcd-client" (29e+) inside the rke2 journal',
    needles: ['retrying of unary invoker failed'],
    formats: ETCD_FORMATS,
    match: /^retrying of unary invoker failed$/,
    peer: 'none',
    detail: (_g, r) => ({ error: r.fields.error ?? null, client: true }),
    examples: {
      match: [
        'Nov 22 17:13:41 ecs-m1 rke2[1532]: {"level":"warn","ts":"2023-11-22T17:13:41.233417+0800","logger":"etcd-client","caller":"v3@v3.5.9-k3s1/retry_interceptor.go:62","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc000ad6000/127.0.0.1:2379","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = context deadline exceeded"}',
        '{"level":"warn","ts":"2022-12-29T17:13:41.233+0800","caller":"clientv3/retry_interceptor.go:62","msg":"retrying of unary invoker failed","target":"endpoint://client-c1a2/127.0.0.1:2379","attempt":0,"error":"rpc error: code = Unavailable desc = etcdserver: leader changed"}',
      ],
      noMatch: ['{"level":"warn","ts":"2023-11-22T17:13:41.233417+0800","logger":"etcd-client","caller":"v3@v3.5.9-k3s1/retry_interceptor.go:62","msg":"retrying of unary invoker"}'],
    },
  },
  {
    id: 'etcd.leader-moved',
    kind: 'etcd.leader-changed',
    versions: 'k3s 32-main supervisor: "Moving etcd cluster leader from %s to %s" (graceful stop: a planned outage)',
    needles: ['Moving etcd cluster leader'],
    match: /^Moving etcd cluster leader from (?<from>\S{1,300}) to (?<to>\S{1,300})$/,
    peer: 'none',
    detail: (g) => ({ change: 'moved', planned: true, fromMember: g.from, toMember: g.to }),
    examples: {
      match: ['Aug 20 17:30:12 ecs-m2 rke2[2101]: time="2026-08-20T17:30:12+08:00" level=info msg="Moving etcd cluster leader from ecs-m2-1a2b3c4d to ecs-m1-5e6f7a8b"'],
      noMatch: ['time="2026-08-20T17:30:12+08:00" level=info msg="Promoted learner ecs-m2-1a2b3c4d"'],
    },
  },
  {
    id: 'etcd.member-starting',
    kind: 'node.starting',
    versions: 'k3s 21-main supervisor on servers: "Starting etcd for existing cluster member" (server back, own log)',
    needles: ['Starting etcd for existing cluster member'],
    match: /^Starting etcd for existing cluster member$/,
    peer: 'none',
    detail: () => ({ phase: 'etcd-starting', program: 'etcd' }),
    examples: {
      match: ['time="2022-12-27T13:02:13+08:00" level=info msg="Starting etcd for existing cluster member"'],
      noMatch: ['time="2022-12-27T13:02:13+08:00" level=info msg="Starting etcd to join cluster with members [ecs-m1-5e6f7a8b=https://10.0.0.11:2380]"'],
    },
  },
];
