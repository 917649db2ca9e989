// Agent tunnel and remotedialer messages (messages.md §2.1, §2.2), every release's wording.
import { ADDR, type Rule } from './rule';

const ERR_1006 = 'time="2022-12-29T17:13:37+08:00" level=error msg="Remotedialer proxy error" error="websocket: close 1006 (abnormal closure): unexpected EOF"';

export const tunnelRules: Rule[] = [
  {
    id: 'tunnel.proxy-error',
    kind: 'tunnel.error',
    versions: 'k3s 21-26e "Remotedialer proxy error"; 28*+ "...; reconnecting..." with url',
    needles: ['Remotedialer proxy error'],
    match: /^Remotedialer proxy error(?:; reconnecting\.\.\.)?$/,
    where: { '!error': /^dial tcp / },
    peer: 'url',
    detail: (_g, r) => ({ error: r.fields.error ?? null }),
    examples: {
      match: [
        ERR_1006,
        'Oct 20 17:13:37 ecs-w1 rke2[988]: time="2024-10-20T17:13:37+08:00" level=error msg="Remotedialer proxy error; reconnecting..." error="websocket: close 1006 (abnormal closure): unexpected EOF" url="wss://10.0.0.12:9345/v1-rke2/connect"',
        'Aug 20 17:13:37 ecs-w1 rke2[988]: time="2026-08-20T17:13:37+08:00" level=error msg="Remotedialer proxy error; reconnecting..." error="read tcp 10.0.0.21:44372->10.0.0.12:9345: i/o timeout" url="wss://10.0.0.12:9345/v1-rke2/connect"',
      ],
      noMatch: [
        'time="2022-12-29T17:14:47+08:00" level=error msg="Remotedialer proxy error" error="dial tcp 10.113.207.142:9345: connect: no route to host"',
        'time="2022-12-29T17:13:37+08:00" level=info msg="Remotedialer connected to proxy" url="wss://10.0.0.12:9345/v1-rke2/connect"',
      ],
    },
  },
  {
    id: 'tunnel.proxy-error-dial',
    kind: 'tunnel.connect-failed',
    versions: 'k3s 21-26e: the reconnect dial failed and ClientConnect reports it as a proxy error',
    needles: ['Remotedialer proxy error'],
    match: /^Remotedialer proxy error(?:; reconnecting\.\.\.)?$/,
    where: { error: /^dial tcp / },
    peer: 'url-or-error',
    detail: (_g, r) => ({ error: r.fields.error ?? null }),
    examples: {
      match: ['time="2022-12-29T17:14:47+08:00" level=error msg="Remotedialer proxy error" error="dial tcp 10.113.207.142:9345: connect: no route to host"'],
      noMatch: [ERR_1006],
    },
  },
  {
    id: 'tunnel.server-error',
    kind: 'tunnel.error',
    versions: 'all: the 9345 server side sees a node tunnel session end',
    needles: ['error in remotedialer server'],
    match: /^error in remotedialer server \[(?<code>\d{3})\]: ?(?<err>.*)$/,
    peer: 'none',
    detail: (g) => ({ side: 'server', code: Number(g.code), error: g.err }),
    examples: {
      match: ['time="2022-12-29T17:13:37+08:00" level=info msg="error in remotedialer server [400]: websocket: close 1006 (abnormal closure): unexpected EOF"'],
      noMatch: ['time="2022-12-29T17:13:37+08:00" level=info msg="Handling backend connection request [ecs-w1]"'],
    },
  },
  {
    id: 'tunnel.write-error',
    kind: 'tunnel.error',
    versions: 'all ("Error writing ping"); 28*+ ("Error syncing connections")',
    needles: ['Error writing ping', 'Error syncing connections'],
    match: /^(?:Error writing ping|Error syncing connections)/,
    peer: 'url',
    detail: (_g, r) => ({ error: r.fields.error ?? null }),
    examples: {
      match: ['time="2023-11-22T17:13:37+08:00" level=error msg="Error writing ping" error="write tcp 10.0.0.21:44372->10.0.0.12:9345: write: broken pipe"'],
      noMatch: ['time="2023-11-22T17:13:37+08:00" level=debug msg="Wrote ping"'],
    },
  },
  {
    id: 'tunnel.connecting',
    kind: 'tunnel.connecting',
    versions: 'all',
    needles: ['Connecting to proxy'],
    match: /^Connecting to proxy$/,
    peer: 'url',
    examples: {
      match: ['time="2022-12-29T17:13:42+08:00" level=info msg="Connecting to proxy" url="wss://10.113.207.142:9345/v1-rke2/connect"'],
      noMatch: ['time="2022-12-29T17:14:47+08:00" level=error msg="Failed to connect to proxy" error="dial tcp 10.113.207.142:9345: connect: no route to host"'],
    },
  },
  {
    id: 'tunnel.connect-failed',
    kind: 'tunnel.connect-failed',
    versions: 'k3s 21 "Failed to connect to proxy"; 24+ "... Empty dialer response", "... Response status: ..."',
    needles: ['Failed to connect to proxy'],
    match: /^Failed to connect to proxy(?<how>\. Empty dialer response|\. Response status: (?<status>\d{3})[^]*)?$/,
    peer: 'url-or-error',
    detail: (g, r) => ({ error: r.fields.error ?? null, ...(g.status ? { status: Number(g.status), refused: true } : {}) }),
    examples: {
      match: [
        'time="2022-12-29T17:14:47+08:00" level=error msg="Failed to connect to proxy" error="dial tcp 10.113.207.142:9345: connect: no route to host"',
        'Nov 22 17:13:45 ecs-w1 rke2[988]: time="2023-11-22T17:13:45+08:00" level=error msg="Failed to connect to proxy. Empty dialer response" error="dial tcp 10.0.0.12:9345: connect: no route to host"',
        'time="2023-11-22T17:31:45+08:00" level=error msg="Failed to connect to proxy. Response status: 401 - 401 Unauthorized. Response body: " error="websocket: bad handshake"',
      ],
      noMatch: ['time="2022-12-29T17:13:42+08:00" level=info msg="Connecting to proxy" url="wss://10.113.207.142:9345/v1-rke2/connect"'],
    },
  },
  {
    id: 'tunnel.stopped',
    kind: 'tunnel.stopped',
    versions: 'all',
    needles: ['Stopped tunnel to'],
    match: new RegExp(String.raw`^Stopped tunnel to (?<addr>${ADDR})$`),
    peer: 'addr',
    examples: {
      match: [
        'time="2022-12-29T17:13:53+08:00" level=info msg="Stopped tunnel to 10.113.207.142:9345"',
        'Nov 22 17:13:54 ecs-w1 rke2[988]: time="2023-11-22T17:13:54+08:00" level=info msg="Stopped tunnel to 10.0.0.12:9345"',
        'time="2022-12-27T13:02:40+08:00" level=info msg="Stopped tunnel to 127.0.0.1:9345"',
      ],
      noMatch: ['time="2026-08-20T17:32:43+08:00" level=info msg="Started tunnel to 10.0.0.12:9345"'],
    },
  },
  {
    id: 'tunnel.started',
    kind: 'tunnel.started',
    versions: '29e+ "Started tunnel to"',
    needles: ['Started tunnel to'],
    match: new RegExp(String.raw`^Started tunnel to (?<addr>${ADDR})$`),
    peer: 'addr',
    examples: {
      match: ['Aug 20 17:32:43 ecs-w1 rke2[988]: time="2026-08-20T17:32:43+08:00" level=info msg="Started tunnel to 10.0.0.12:9345"'],
      noMatch: ['time="2022-12-29T17:13:53+08:00" level=info msg="Stopped tunnel to 10.113.207.142:9345"'],
    },
  },
  {
    id: 'tunnel.connected',
    kind: 'tunnel.started',
    versions: '28*+ "Remotedialer connected to proxy"; remotedialer v0.6 (k3s 32+) "Connected to proxy"',
    needles: ['onnected to proxy'],
    match: /^(?:Remotedialer connected to proxy|Connected to proxy)$/,
    peer: 'url',
    examples: {
      match: [
        'Oct 20 17:32:41 ecs-w1 rke2[988]: time="2024-10-20T17:32:41+08:00" level=info msg="Remotedialer connected to proxy" url="wss://10.0.0.12:9345/v1-rke2/connect"',
        'Aug 20 17:32:43 ecs-w1 rke2[988]: time="2026-08-20T17:32:43+08:00" level=info msg="Connected to proxy" url="wss://10.0.0.12:9345/v1-rke2/connect"',
      ],
      noMatch: ['time="2022-12-29T17:14:47+08:00" level=error msg="Failed to connect to proxy" error="dial tcp 10.113.207.142:9345: connect: no route to host"'],
    },
  },
  {
    id: 'tunnel.backend-connected',
    kind: 'tunnel.backend-connected',
    versions: 'all (server side, 9345)',
    needles: ['Handling backend connection request'],
    match: /^Handling backend connection request \[(?<name>[^\]\s]{1,253})\]$/,
    peer: 'name',
    examples: {
      match: ['time="2022-12-29T17:32:40+08:00" level=info msg="Handling backend connection request [ecs-w1]"'],
      noMatch: ['time="2022-12-29T17:13:37+08:00" level=info msg="error in remotedialer server [400]: websocket: close 1006 (abnormal closure): unexpected EOF"'],
    },
  },
  {
    id: 'tunnel.watch-closed',
    kind: 'watch.closed',
    versions: 'k3s 21 (and 1.22.2-1.22.9, 1.23.1-1.23.6)',
    needles: ['Tunnel endpoint watch channel closed', 'Unable to watch for tunnel endpoints'],
    match: /^(?:Tunnel endpoint watch channel closed|Unable to watch for tunnel endpoints)/,
    peer: 'none',
    detail: (_g, r) => ({ reason: /client connection lost/.test(r.msg) ? 'http2: client connection lost' : null }),
    examples: {
      match: ['time="2022-12-29T17:14:08+08:00" level=error msg="Tunnel endpoint watch channel closed: {ERROR &Status{ListMeta:ListMeta{SelfLink:,ResourceVersion:,Continue:,RemainingItemCount:nil,},Status:Failure,Message:an error on the server (\\"unable to decode an event from the watch stream: http2: client connection lost\\") has prevented the request from succeeding,Reason:InternalError,Code:500,}}"'],
      noMatch: ['time="2022-12-29T17:14:08+08:00" level=info msg="Tunnel endpoint watch event: {ADDED &Endpoints{}}"'],
    },
  },
  {
    id: 'tunnel.proxy-done',
    kind: 'tunnel.stopped',
    versions: 'all: remotedialer ends a tunnel cancelled on purpose (pairs with "Stopped tunnel to")',
    needles: ['Proxy done'],
    match: /^Proxy done$/,
    where: { err: /context canceled/ },
    peer: 'url',
    detail: () => ({ via: 'proxy-done' }),
    examples: {
      match: ['Dec 29 17:13:53 ecs-m1 rke2[1532]: time="2022-12-29T17:13:53+08:00" level=info msg="Proxy done" err="context canceled" url="wss://10.0.0.12:9345/v1-rke2/connect"'],
      noMatch: ['time="2022-12-29T17:13:53+08:00" level=info msg="Proxy done" err="EOF" url="wss://10.0.0.12:9345/v1-rke2/connect"'],
    },
  },
  {
    id: 'tunnel.watch-failed',
    kind: 'watch.closed',
    versions: '21 "Tunnel endpoint watch failed to wait for apiserver ready"; 24-32 / 34+ "Tunnel watch failed: event object not of type ..."',
    needles: ['Tunnel endpoint watch failed', 'Tunnel watch failed'],
    match: /^(?:Tunnel endpoint watch failed to wait for apiserver ready|Tunnel watch failed: event object not of type)/,
    peer: 'none',
    examples: {
      match: ['time="2023-11-22T17:14:08+08:00" level=error msg="Tunnel watch failed: event object not of type v1.Endpoints"'],
      noMatch: ['time="2022-12-29T17:14:08+08:00" level=error msg="Tunnel endpoint watch channel closed: {ERROR}"'],
    },
  },
  {
    id: 'tunnel.password-verified',
    kind: 'tunnel.backend-connected',
    versions: '21-25 "Password verified locally for node \'%s\'" (debug); 27+ without quotes (info)',
    needles: ['Password verified locally for node', 'Password verification deferred for node'],
    match: /^Password (?:verified locally|verification deferred) for node '?(?<name>[^'\s]{1,253})'?$/,
    peer: 'name',
    detail: () => ({ via: 'node-password' }),
    examples: {
      match: ['Nov 22 17:32:40 ecs-m2 rke2[2101]: time="2023-11-22T17:32:40+08:00" level=info msg="Password verified locally for node ecs-w1"'],
      noMatch: ['time="2022-12-29T17:32:40+08:00" level=info msg="Handling backend connection request [ecs-w1]"'],
    },
  },
];
