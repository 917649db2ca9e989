// One colour language (issue 12): event colours come from the meaning table's families, phases
// are greys, and no colour means two things; the legend says the FAMILIES words.
import { KINDS, FAMILIES } from '../../src/kinds';
import { FAMILY_COLOURS, PHASE_COLOURS } from '../../src/render/colours';
import { familyClass } from '../../src/render/swimlaneMarks';
import { renderHtml } from '../../src/render/html';
import { runCli, CASE1 } from '../support/cli';
import { handmadeReport } from './handmade';

test('phases and event families never share a colour', () => {
  const fam = Object.values(FAMILY_COLOURS).map((c) => c.toLowerCase());
  const ph = Object.values(PHASE_COLOURS).map((c) => c.toLowerCase());
  expect(new Set([...fam, ...ph]).size).toBe(fam.length + ph.length);
});

test('every family of the meaning table has a colour, and a mark takes its kind\'s family', () => {
  for (const [f] of FAMILIES) expect(FAMILY_COLOURS[f]).toMatch(/^#[0-9a-f]{6}$/);
  for (const [kind, row] of Object.entries(KINDS)) expect(familyClass(kind)).toBe(`fam-${row.family}`);
  expect(familyClass('watch.closed')).toBe('fam-tunnel');
  expect(familyClass('no.such-kind')).toBe('fam-other');
});

test('Case #1: every mark is coloured by its family and the legend uses the FAMILIES words', async () => {
  const html = (await runCli([CASE1, '-f', 'html'])).stdout;
  const marks = [...html.matchAll(/<circle class="mark (fam-[a-z-]+)"[^>]*data-kind="([^"]+)"/g)];
  expect(marks.length).toBeGreaterThan(20);
  for (const [, cls, kind] of marks) expect(cls).toBe(`fam-${KINDS[kind as keyof typeof KINDS].family}`);
  expect(html).toContain('<span class="fam-tunnel">tunnel (agent ↔ server)</span>');
  expect(html).toContain('<span class="fam-lb">agent load balancer</span>');
  expect(html).not.toMatch(/k-tunnel|k-watch|class="k-/);
});

test('the legend names the phases shown, and a cluster window\'s band', () => {
  const html = renderHtml(handmadeReport(), { tz: 'UTC', color: false });
  expect(html).toContain('<span class="ph ph-down"><i>down phase</i></span>');
  expect(html).toContain('dashed band: a cluster window');
});
