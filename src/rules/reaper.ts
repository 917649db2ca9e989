// Cloudera ECS pod-reaper and the kubectl output between its lines (bundles.md §1.3).
import { rfc3339ToMs } from '../formats/timestamps';
import type { Rule } from './rule';

const REAPER = ['pod-reaper'];
const KUBECTL = ['kubectl'];

export const reaperRules: Rule[] = [
  {
    id: 'reaper.run',
    kind: 'reaper.run',
    versions: 'ECS 1.4.1+ pod-reaper CronJob',
    needles: ['Starting pod-reaper'],
    formats: REAPER,
    match: /^Starting pod-reaper \[Reap older than: (?<n>\d{1,6}) (?<unit>[a-z]{1,10})\(s\)\](?:\[Namespace regex: (?<ns>[^\]]{0,500})\])?/,
    peer: 'none',
    detail: (g) => ({ thresholdSeconds: Number(g.n) * (g.unit.startsWith('hour') ? 3600 : g.unit.startsWith('second') ? 1 : 60), namespaceRegex: g.ns ?? null }),
    examples: {
      match: ['Thu Dec 29 09:40:01 UTC 2022 Starting pod-reaper [Reap older than: 10 minute(s)][Namespace regex: *UNKNOWN*]'],
      noMatch: ['Thu Dec 29 09:40:01 UTC 2022 processing namespace cml01'],
    },
  },
  {
    id: 'reaper.force-delete',
    kind: 'reaper.force-delete',
    versions: 'ECS 1.4.1+ pod-reaper CronJob',
    needles: ['Force delete pod'],
    formats: REAPER,
    match: /^Force delete pod (?<pod>\S{1,253}) in namespace (?<ns>\S{1,63}) with deletion timestamp: (?<ts>\S{1,40})$/,
    peer: 'none',
    detail: (g) => ({ pod: g.pod, namespace: g.ns, deletionTimestamp: rfc3339ToMs(g.ts) }),
    examples: {
      match: ['Thu Dec 29 09:40:02 UTC 2022 Force delete pod ecs-tolerations-webhook-7d9454f4f9-549qj in namespace ecs-webhooks with deletion timestamp: 2022-12-29T09:20:25Z'],
      noMatch: ['Thu Dec 29 09:40:02 UTC 2022 Successfully force deleted pod hiveserver2-0 in namespace compute-hive01'],
    },
  },
  {
    id: 'reaper.deleted',
    kind: 'reaper.deleted',
    versions: 'ECS 1.4.1+ pod-reaper CronJob',
    needles: ['Successfully force deleted pod'],
    formats: REAPER,
    match: /^Successfully force deleted pod (?<pod>\S{1,253}) in namespace (?<ns>\S{1,63})$/,
    peer: 'none',
    detail: (g) => ({ pod: g.pod, namespace: g.ns }),
    examples: {
      match: ['Thu Dec 29 09:40:02 UTC 2022 Successfully force deleted pod hiveserver2-0 in namespace compute-hive01'],
      noMatch: ['Thu Dec 29 09:40:02 UTC 2022 Force delete pod hiveserver2-0 in namespace compute-hive01 with deletion timestamp: 2022-12-29T09:20:25Z'],
    },
  },
  {
    id: 'reaper.kubectl-deleted',
    kind: 'reaper.deleted',
    versions: 'kubectl delete --force output (any reaper or script)',
    needles: [' force deleted'],
    formats: KUBECTL,
    match: /^pod "(?<pod>[^"]{1,253})" force deleted$/,
    peer: 'none',
    detail: (g) => ({ pod: g.pod, namespace: null, via: 'kubectl' }),
    examples: {
      match: ['pod "hiveserver2-0" force deleted'],
      noMatch: ['warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.'],
    },
  },
  {
    id: 'reaper.kubectl-error',
    kind: 'reaper.failed',
    versions: 'kubectl delete errors (reaper output)',
    needles: ['Error from server'],
    formats: KUBECTL,
    match: /^Error from server \((?<reason>[A-Za-z]{1,40})\): pods "(?<pod>[^"]{1,253})"/,
    peer: 'none',
    detail: (g) => ({ pod: g.pod, namespace: null, reason: g.reason }),
    examples: {
      match: ['Error from server (NotFound): pods "hiveserver2-0" not found'],
      noMatch: ['pod "hiveserver2-0" force deleted'],
    },
  },
  {
    id: 'reaper.failed',
    kind: 'reaper.failed',
    versions: 'inferred wording: the reaper reports a pod it could not delete',
    needles: ['to force delete pod', 'to delete pod'],
    formats: REAPER,
    match: /^(?:Failed|Unable|Could not) to (?:force )?delete pod (?<pod>\S{1,253})(?: in namespace (?<ns>\S{1,63}))?/,
    peer: 'none',
    detail: (g) => ({ pod: g.pod, namespace: g.ns ?? null }),
    examples: {
      match: ['Thu Dec 29 09:40:02 UTC 2022 Failed to force delete pod impala-executor-000-0 in namespace impala-impala01'],
      noMatch: ['Thu Dec 29 09:40:02 UTC 2022 Force delete pod impala-executor-000-0 in namespace impala-impala01 with deletion timestamp: 2022-12-29T09:20:25Z'],
    },
  },
];
