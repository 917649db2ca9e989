// The generated fixtures committed under fixtures/: their scenarios, so tests can recompute what
// the tool must find, and `UPDATE_FIXTURES=1 npx jest test/analyze/fixtures` can rewrite them.
import type { Scenario } from './generate';
import type { GenNode } from './wording';

const seedHosts = (n: number): GenNode => ({
  name: `feng-ws${n}.sme-feng.athens.cloudera.com`,
  ip: `10.113.207.${140 + n}`,
  role: n <= 3 ? 'server' : 'agent',
});

/** fixture folder -> scenario */
export const FIXTURE_SCENARIOS: Record<string, Scenario> = {
  // a Rancher log-collector tarball per node; server ds02 dies and is back 20 min later (RKE2 v1.25.16)
  'rancher-2023-server-down': {
    wording: '2023', layout: 'rancher', dies: 'ds02', at: '2023-11-22T09:13:37Z', backAfter: 1200,
    nodes: [
      { name: 'ds01', ip: '192.168.8.141', role: 'server' },
      { name: 'ds02', ip: '192.168.8.142', role: 'server' },
      { name: 'ds03', ip: '192.168.8.143', role: 'server' },
      { name: 'ds04', ip: '192.168.8.144', role: 'agent' },
      { name: 'ds05', ip: '192.168.8.145', role: 'agent' },
    ],
  },
  // seed Case #1's shape in a Cloudera Manager diagnostic zip: ECS server feng-ws2 shut down, not back (RKE2 v1.21.14)
  'cloudera-zip-2022': {
    wording: '2022', layout: 'cloudera', dies: seedHosts(2).name, at: '2022-12-29T09:13:37Z', backAfter: null,
    nodes: [1, 2, 3, 4, 5, 6].map(seedHosts),
    pods: [['compute-hive01', 'hiveserver2-0'], ['impala-impala01', 'catalogd-0'], ['compute-hive01', 'huebackend-0'], ['vault-system', 'vault-0']],
  },
};
