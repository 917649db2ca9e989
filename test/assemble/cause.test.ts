// Why the node went down, from its own log in the input: a NUL block is a crash, a boot marker and
// a start-up after the silence a reboot, a start-up after a silence with no stop a crash, a node that
// kept logging and lost its peers a partition; without its own log, no cause.
import { reportOf, type MemSource } from '../support/scan';
import { journal, url } from '../support/lines';

const D = '2023-11-22';
const P = '10.0.0.12';
const w = (hms: string, level: string, msg: string, extra = '') => journal('ecs-w1', 988, D, hms, level, msg, extra);
const m2 = (hms: string, level: string, msg: string, extra = '') => journal('ecs-m2', 2101, D, hms, level, msg, extra);
/** the agent's view: .12 lost at 17:13:37, back at 17:58:10 */
const AGENT: MemSource = {
  path: 'ecs-w1/journald/rke2-agent', node: 'ecs-w1', role: 'agent', lines: [
    w('17:00:00', 'info', 'Updated load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.12:9345 10.0.0.13:9345] [default: 10.0.0.11:9345]'),
    w('17:13:37', 'error', 'Remotedialer proxy error', `error="websocket: close 1006 (abnormal closure): unexpected EOF" ${url(P)}`),
    w('17:13:42', 'info', 'Connecting to proxy', url(P)),
    w('17:13:53', 'info', `Removing server from load balancer rke2-agent-load-balancer: ${P}:9345`),
    w('17:58:10', 'info', `Adding server to load balancer rke2-agent-load-balancer: ${P}:9345`),
    w('18:10:00', 'info', 'Tunnel authorizer set Kubelet Port 10250'),
  ],
};
const OWN_IP = m2('16:00:00', 'info', 'Running kubelet --address=0.0.0.0 --hostname-override=ecs-m2 --node-ip=10.0.0.12 --node-labels=');
const own = (lines: string[]): MemSource => ({ path: 'ecs-m2/journald/rke2-server', node: 'ecs-m2', role: 'server', lines: [OWN_IP, m2('16:00:01', 'info', 'Starting rke2 v1.25.16+rke2r1 (0b0c0d0e)'), ...lines] });
const causeOf = (...s: MemSource[]) => reportOf([AGENT, ...s], [['ecs-m2', P]]).incidents.find((i) => i.peer.address === P)!.cause;

test('no own log: no cause', () => {
  expect(causeOf()).toBeUndefined();
});

test('a 4 KiB NUL block, then a start-up: crash', () => {
  const c = causeOf(own([m2('17:13:30', 'info', 'Handling backend connection request [ecs-w1]'), `${'\0'.repeat(4096)}${m2('17:58:02', 'info', 'Starting rke2 v1.25.16+rke2r1 (0b0c0d0e)')}`]))!;
  expect(c.kind).toBe('crash');
  expect(c.message).toMatch(/log stops at 09:13:30 without a shutdown and holds a 4 KiB NUL block at rke2-server:4 .*started again at 09:58:02 \(rke2-server:4\)/);
  expect(c.evidence.map((e) => e.line)).toEqual([4, 4]);
});

test('-- Reboot -- and a start-up after the silence: reboot', () => {
  const c = causeOf(own([m2('17:13:30', 'info', 'Handling backend connection request [ecs-w1]'), '-- Reboot --', m2('17:58:02', 'info', 'Starting rke2 v1.25.16+rke2r1 (0b0c0d0e)')]))!;
  expect(c.kind).toBe('reboot');
  expect(c.message).toContain('no stop sequence before it');
  // the line is cited with its file, so a reader finds it: never a bare "line 5"
  expect(c.message).toMatch(/the boot marker at rke2-server:4; it started again at 09:58:02 \(rke2-server:5\)/);
  expect(c.message).not.toMatch(/\bline \d/);
});

test('a start-up after the silence, no stop, no boot marker: crash', () => {
  const c = causeOf(own([m2('17:13:30', 'info', 'Handling backend connection request [ecs-w1]'), m2('17:58:02', 'info', 'Starting rke2 v1.25.16+rke2r1 (0b0c0d0e)')]))!;
  expect([c.kind, c.message]).toEqual(['crash', expect.stringContaining('no stop sequence before its silence')]);
});

test('its own tunnel to itself at its restart is not the peer back', () => {
  const r = reportOf([{ ...AGENT, lines: AGENT.lines.slice(0, 4) }, own([m2('17:58:02', 'info', 'Starting rke2 v1.25.16+rke2r1 (0b0c0d0e)'), m2('17:58:30', 'info', 'Connecting to proxy', url(P)), m2('17:58:31', 'info', `Started tunnel to ${P}:9345`), m2('18:05:00', 'info', 'Tunnel authorizer set Kubelet Port 10250')])]);
  expect(r.incidents.map((i) => [i.peer.address, i.milestones.peerBack])).toEqual([[P, null]]);
});

test('it kept logging and lost every peer while the others lost it: partition, one incident', () => {
  const m2lost = ['10.0.0.11', '10.0.0.13'].flatMap((ip) => [
    m2('17:13:37', 'error', 'Remotedialer proxy error', `error="read tcp ${P}:50000->${ip}:9345: i/o timeout" ${url(ip)}`),
    m2('17:13:40', 'info', 'Connecting to proxy', url(ip)),
    m2('17:13:50', 'info', `Stopped tunnel to ${ip}:9345`),
  ]);
  const r = reportOf([AGENT, own([...m2lost, m2('17:30:00', 'info', 'Tunnel authorizer set Kubelet Port 10250'), m2('17:50:00', 'info', 'Tunnel authorizer set Kubelet Port 10250')])], [['ecs-m2', P]]);
  expect(r.incidents.map((i) => [i.peer.address, i.cause?.kind])).toEqual([[P, 'partition']]);
  expect(r.incidents[0].cause!.message).toMatch(/kept logging through the outage .* lost 10\.0\.0\.11, 10\.0\.0\.13 in turn/);
});
