// Agent client-side load balancer (messages.md §2.3): 2020 unnamed, 2022 "Updating", 2023+ "Updated
// ... [default: X]" with Adding/Removing, 2024 "Closing N connections", Dec 2024+ health states.
import { ADDR, type Rule } from './rule';

/** `[a:1 b:2]` -> ['a:1', 'b:2'] */
export function listOf(s: string | undefined): string[] {
  return (s ?? '').split(/[\s,]+/).filter(Boolean);
}

/**
 * A balancer's name: its own, or for the 2020-2022 unnamed wording the port it balances
 * (`load-balancer:6443` api-server, `load-balancer:9345` supervisor), so the two unnamed lists of
 * one agent are two balancers, never diffed against each other (DESIGN §6b).
 */
export function balancerOf(named: string | undefined, servers: string[]): string {
  if (named) return named;
  const port = /:(\d{1,5})$/.exec(servers[0] ?? '')?.[1];
  return port ? `load-balancer:${port}` : 'load-balancer';
}

/** One character of a server list, or a whole bracketed IPv6 host (`[fd00::12]:9345`): linear, bounded. */
const ITEM = String.raw`(?:[^\[\]]|\[[0-9A-Fa-f:.]{2,45}\])`;
const LIST = String.raw`\[(?<list>${ITEM}{0,4000})\](?: \[default: (?<def>${ITEM}{0,300})\])?`;

export const loadBalancerRules: Rule[] = [
  {
    id: 'lb.servers',
    kind: 'lb.servers',
    versions: '2020 unnamed "Updating load balancer server addresses"; 21-25 "Updating load balancer %s ..."; 27+ "Updated ... [default: %s]"',
    needles: ['load balancer'],
    match: new RegExp(String.raw`^Updat(?:ing|ed) load balancer (?:(?<lb>[^\s:]{1,100}) )?server addresses -> ${LIST}$`),
    peer: 'none',
    detail: (g, r) => ({ lb: balancerOf(g.lb, listOf(g.list)), servers: listOf(g.list), default: g.def ?? null, wording: r.msg.startsWith('Updated') ? 'updated' : 'updating' }),
    examples: {
      match: [
        'time="2022-12-29T17:14:13+08:00" level=info msg="Updating load balancer rke2-agent-load-balancer server addresses -> [10.113.207.141:9345 10.113.207.143:9345]"',
        'Nov 22 17:13:54 ecs-w1 rke2[988]: time="2023-11-22T17:13:54+08:00" level=info msg="Updated load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.13:9345] [default: 10.0.0.11:9345]"',
        'time="2020-10-21T14:57:10+08:00" level=info msg="Updating load balancer server addresses -> [10.0.0.11:9345 10.0.0.12:9345]"',
        'Nov 22 17:14:13 ecs-w1 rke2[988]: time="2023-11-22T17:14:13+08:00" level=info msg="Updated load balancer rke2-agent-load-balancer server addresses -> [[fd00:10::11]:9345 [fd00:10::13]:9345] [default: [fd00:10::11]:9345]"',
      ],
      noMatch: ['time="2022-12-27T13:02:40+08:00" level=info msg="Updating load balancer rke2-agent-load-balancer default server address -> 10.113.207.141:9345"'],
    },
  },
  {
    id: 'lb.running',
    kind: 'lb.servers',
    versions: '2020 "Running load balancer 127.0.0.1:PORT -> [...]"; 21-25 with name; 27+ with [default: %s]',
    needles: ['Running load balancer'],
    match: new RegExp(String.raw`^Running load balancer (?:(?<lb>[^\s:]{1,100}) )?(?<local>\S{1,100}:\d{1,5}) -> ${LIST}$`),
    peer: 'none',
    detail: (g) => ({ lb: balancerOf(g.lb, listOf(g.list)), servers: listOf(g.list), default: g.def ?? null, startup: true }),
    examples: {
      match: [
        'time="2022-12-27T13:02:35+08:00" level=info msg="Running load balancer rke2-agent-load-balancer 127.0.0.1:6444 -> [10.113.207.141:9345]"',
        'time="2020-10-21T14:57:01+08:00" level=info msg="Running load balancer 127.0.0.1:6444 -> [10.0.0.11:9345]"',
        'time="2023-11-20T09:00:01+08:00" level=info msg="Running load balancer rke2-api-server-agent-load-balancer 127.0.0.1:6443 -> [10.0.0.11:6443] [default: 10.0.0.11:6443]"',
        'Nov 22 11:04:12 ecs-w1 rke2[988]: time="2023-11-22T11:04:12+08:00" level=info msg="Running load balancer rke2-agent-load-balancer 127.0.0.1:6444 -> [[fd00:10::11]:9345] [default: [fd00:10::11]:9345]"',
      ],
      noMatch: ['time="2022-12-29T17:14:13+08:00" level=info msg="Updating load balancer rke2-agent-load-balancer server addresses -> [10.113.207.141:9345]"'],
    },
  },
  {
    id: 'lb.server-removed',
    kind: 'lb.server-removed',
    versions: '27+',
    needles: ['Removing server from load balancer'],
    match: new RegExp(String.raw`^Removing server from load balancer (?<lb>\S{1,100}): (?<addr>${ADDR})$`),
    peer: 'addr',
    detail: (g) => ({ lb: g.lb }),
    examples: {
      match: ['Nov 22 17:13:54 ecs-w1 rke2[988]: time="2023-11-22T17:13:54+08:00" level=info msg="Removing server from load balancer rke2-agent-load-balancer: 10.0.0.12:9345"'],
      noMatch: ['Nov 22 17:32:40 ecs-w1 rke2[988]: time="2023-11-22T17:32:40+08:00" level=info msg="Adding server to load balancer rke2-agent-load-balancer: 10.0.0.12:9345"'],
    },
  },
  {
    id: 'lb.server-added',
    kind: 'lb.server-added',
    versions: '27+',
    needles: ['Adding server to load balancer'],
    match: new RegExp(String.raw`^Adding server to load balancer (?<lb>\S{1,100}): (?<addr>${ADDR})$`),
    peer: 'addr',
    detail: (g) => ({ lb: g.lb }),
    examples: {
      match: ['Aug 20 17:32:43 ecs-w1 rke2[988]: time="2026-08-20T17:32:43+08:00" level=info msg="Adding server to load balancer rke2-agent-load-balancer: 10.0.0.12:9345"'],
      noMatch: ['Nov 22 17:13:54 ecs-w1 rke2[988]: time="2023-11-22T17:13:54+08:00" level=info msg="Removing server from load balancer rke2-agent-load-balancer: 10.0.0.12:9345"'],
    },
  },
  {
    id: 'lb.connections-closed',
    kind: 'lb.connections-closed',
    versions: '27-26e debug (no server); 28*+ info with server (29e+ as ip:port@STATE)',
    needles: ['connections to load balancer server'],
    match: new RegExp(String.raw`^Closing (?<n>\d{1,9}) connections to load balancer server(?: (?<addr>${ADDR})\*?(?:@(?<state>[A-Z]{1,12}))?)?$`),
    peer: 'addr',
    detail: (g) => ({ connections: Number(g.n), state: g.state ?? null }),
    examples: {
      match: [
        'Oct 20 17:13:38 ecs-w1 rke2[988]: time="2024-10-20T17:13:38+08:00" level=info msg="Closing 6 connections to load balancer server 10.0.0.12:6443"',
        'Aug 20 17:13:38 ecs-w1 rke2[988]: time="2026-08-20T17:13:38+08:00" level=info msg="Closing 5 connections to load balancer server 10.0.0.12:6443@FAILED"',
      ],
      noMatch: ['time="2024-10-20T17:13:38+08:00" level=info msg="Closing 6 connections to remote server 10.0.0.12:6443"'],
    },
  },
  {
    id: 'lb.health',
    kind: 'lb.health',
    versions: '29e+ (Dec 2024 wave): server state machine',
    needles: ['from failed ', 'from successful '],
    match: new RegExp(String.raw`^Server (?<addr>${ADDR})\*?@(?<from>[A-Z]{1,12})->(?<to>[A-Z]{1,12}) from (?<how>successful|failed) (?<reason>.{1,100})$`),
    peer: 'addr',
    detail: (g) => ({ from: g.from, to: g.to, how: g.how, reason: g.reason }),
    examples: {
      match: [
        'Aug 20 17:13:38 ecs-w1 rke2[988]: time="2026-08-20T17:13:38+08:00" level=info msg="Server 10.0.0.12:9345@ACTIVE->FAILED from failed health check"',
        'Aug 20 17:32:45 ecs-w1 rke2[988]: time="2026-08-20T17:32:45+08:00" level=info msg="Server 10.0.0.12:9345@RECOVERING->PREFERRED from successful health check"',
      ],
      noMatch: ['Aug 20 17:13:38 ecs-w1 rke2[988]: time="2026-08-20T17:13:38+08:00" level=info msg="Closing 5 connections to load balancer server 10.0.0.12:6443@FAILED"'],
    },
  },
  {
    id: 'lb.failover',
    kind: 'lb.failover',
    versions: '21-25 "Dial server in load balancer %s failed over to %s"; 27+ "Failed over to new server ..." (debug only)',
    needles: ['failed over to', 'Failed over to new server'],
    match: new RegExp(String.raw`^(?:Dial server in load balancer (?<lb1>\S{1,100}) failed over to (?<to1>${ADDR})|Failed over to new server for load balancer (?<lb2>\S{1,100}): (?:(?<addr>${ADDR}) -> )?(?<to2>${ADDR}))$`),
    peer: 'addr',
    detail: (g) => ({ lb: g.lb1 ?? g.lb2, to: g.to1 ?? g.to2 }),
    examples: {
      match: ['Nov 22 17:13:54 ecs-w1 rke2[988]: time="2023-11-22T17:13:54+08:00" level=debug msg="Failed over to new server for load balancer rke2-api-server-agent-load-balancer: 10.0.0.13:6443"'],
      noMatch: ['time="2023-11-22T17:13:54+08:00" level=info msg="Updated load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345]"'],
    },
  },
  {
    id: 'lb.all-failed',
    kind: 'lb.all-failed',
    versions: '21+ (debug) "error dialing load balancer servers"; 28* "Health checks for all servers ... have failed"',
    needles: ['error dialing load balancer servers', 'Health checks for all servers in load balancer'],
    match: /(?:error dialing load balancer servers|^Health checks for all servers in load balancer \S{1,100} have failed)/,
    peer: 'none',
    examples: {
      match: ['time="2022-12-29T17:14:20+08:00" level=debug msg="Incoming conn 127.0.0.1:51234, error dialing load balancer servers: all servers failed"'],
      noMatch: ['time="2022-12-29T17:14:20+08:00" level=debug msg="Dial error from load balancer rke2-agent-load-balancer: dial tcp 10.0.0.12:9345: connect: no route to host"'],
    },
  },
  {
    id: 'lb.default',
    kind: 'lb.default',
    versions: '21-25 "Updating load balancer %s default server address -> %s"; 27-28* "Updated ... default server address -> %s"; 29e+ "Updated load balancer %s default server: %s"',
    needles: ['default server'],
    match: new RegExp(String.raw`^Updat(?:ing|ed) load balancer (?:(?<lb>[^\s:]{1,100}) )?default server(?: address ->|:) (?<addr>${ADDR})$`),
    peer: 'addr',
    detail: (g) => ({ lb: balancerOf(g.lb, [g.addr]) }),
    examples: {
      match: ['time="2022-12-27T13:02:40+08:00" level=info msg="Updating load balancer rke2-agent-load-balancer default server address -> 10.113.207.141:9345"', 'time="2026-08-20T09:00:00+08:00" level=info msg="Updated load balancer rke2-agent-load-balancer default server: 10.0.0.11:9345"'],
      noMatch: ['time="2022-12-29T17:14:13+08:00" level=info msg="Updating load balancer rke2-agent-load-balancer server addresses -> [10.113.207.141:9345 10.113.207.143:9345]"'],
    },
  },
  {
    id: 'lb.dial-error',
    kind: 'lb.dial-error',
    versions: '21-26e "Dial error from load balancer %s: %s"; 28* "... after %s: %s" (debug only)',
    needles: ['Dial error from load balancer'],
    match: /^Dial error from load balancer (?<lb>\S{1,100})(?: after \S{1,40})?: (?<err>.{0,2000})$/,
    peer: 'none',
    detail: (g) => ({ lb: g.lb, error: g.err }),
    examples: {
      match: ['time="2022-12-29T17:14:20+08:00" level=debug msg="Dial error from load balancer rke2-agent-load-balancer: dial tcp 10.0.0.12:9345: connect: no route to host"'],
      noMatch: ['time="2022-12-29T17:14:20+08:00" level=debug msg="Incoming conn 127.0.0.1:51234, error dialing load balancer servers: all servers failed"'],
    },
  },
];
