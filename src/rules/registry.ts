// The rule table (STYLE §9): an explicit list by area; ids are unique (checked by test and at start).
import type { Rule } from './rule';
import { tunnelRules } from './tunnel';
import { loadBalancerRules } from './loadbalancer';
import { reaperRules } from './reaper';
import { nodeRules } from './node';
import { etcdRules } from './etcd';
import { kubeRules } from './kube';
import { lifecycleRules } from './lifecycle';
import { bootRules, hostRules } from './host';
import { uncleanRules } from './unclean';
import { ownAddressRules } from './ownAddress';

export const RULES: Rule[] = [...tunnelRules, ...loadBalancerRules, ...reaperRules, ...nodeRules, ...etcdRules, ...kubeRules, ...lifecycleRules, ...hostRules, ...bootRules, ...uncleanRules, ...ownAddressRules];
