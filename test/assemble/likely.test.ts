// The likely node of a reaper-only incident (DESIGN §6b, "Estimated starts get corroborated") is
// named only when the observers' logs run past its estimated start: "never seen again" means
// nothing after the logs end. The founding bundles: Case #2 (the pod-reaper at 12:02-12:20) comes
// hours after every rke2 log ends (09:43), and feng-ws2 — registered, without logs of its own, not
// seen after 09:13 — is Case #1's lost server, not Case #2's node.
import { run } from '../support/bundles';

jest.setTimeout(60_000);

test('no likely node for an estimated start after the observers\' logs end', async () => {
  const r = await run(['fixtures/ecs-server-down', 'fixtures/ecs-agent-down']);
  const est = r.incidents.find((i) => i.estimatedStart)!;
  expect(est.logsEnd).toBeUndefined();
  expect(est.cause?.likelyNode).toBeUndefined();
  expect(JSON.stringify(est)).not.toMatch(/likely feng-ws2/);
});
