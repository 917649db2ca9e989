// Marker label rows: labels that would touch are stacked, distant ones share the top row, and no
// marker line runs through another marker's label when a row avoids it.
import { labelRows, labelSpan, textRows, WINDOW_CHAR_W } from '../../src/render/labelRows';
import { renderSwimlane } from '../../src/render/swimlane';
import { handmadeReport } from './handmade';

const W = 1000;
const at = (x: number, text: string) => ({ x, ...labelSpan(x, text, W) });

describe('labelSpan', () => {
  test('right of the line, or left of it when the text would leave the picture', () => {
    expect(labelSpan(200, 'OUTAGE BEGINS', W)).toMatchObject({ anchor: 'start', textX: 204, left: 204 });
    const end = labelSpan(985, 'OUTAGE ENDS', W);
    expect(end).toMatchObject({ anchor: 'end', textX: 981, right: 981 });
    expect(end.left).toBeLessThan(981 - 11 * 7);
  });
});

describe('labelRows', () => {
  test('Case #1 full view: BEGINS and MITIGATED 36 s (17 px) apart are stacked; ENDS shares the top row', () => {
    expect(labelRows([at(213.6, 'OUTAGE BEGINS'), at(231.0, 'OUTAGE MITIGATED'), at(985.4, 'OUTAGE ENDS')])).toEqual([0, 1, 0]);
  });
  test('Case #1 detail view: markers far apart all stay on the top row', () => {
    expect(labelRows([at(213.6, 'OUTAGE BEGINS'), at(608.0, 'OUTAGE MITIGATED')])).toEqual([0, 0]);
  });
  test('three markers at one instant take three rows', () => {
    expect(labelRows([at(400, 'OUTAGE BEGINS (estimated)'), at(400, 'OUTAGE MITIGATED'), at(401, 'OUTAGE ENDS')])).toEqual([0, 1, 2]);
  });
  test('a later line would cut an earlier lower label: the later label moves down instead', () => {
    // A top row, B (close) second row; C's text clears A's but its line would run through B's label
    const rows = labelRows([at(200, 'OUTAGE BEGINS'), at(215, 'OUTAGE MITIGATED'), at(320, 'OUTAGE ENDS')]);
    expect(rows).toEqual([0, 1, 2]);
  });
  test('labels in one row never overlap, whatever the positions', () => {
    const xs = [170, 175, 190, 260, 300, 320, 600, 610, 950, 980, 988];
    const spans = xs.map((x, i) => at(x, ['OUTAGE BEGINS', 'OUTAGE MITIGATED', 'OUTAGE ENDS'][i % 3]));
    const rows = labelRows(spans);
    for (let i = 0; i < spans.length; i++) {
      for (let j = i + 1; j < spans.length; j++) {
        if (rows[i] !== rows[j]) continue;
        const a = spans[i];
        const b = spans[j];
        expect({ i, j, overlap: a.left < b.right && b.left < a.right }).toEqual({ i, j, overlap: false });
      }
    }
  });
});

describe('cluster window names (textRows)', () => {
  const win = (x: number, text: string) => labelSpan(x, text, W, WINDOW_CHAR_W);
  test('etcd quorum lost and control plane down seconds apart are stacked; a later window far right shares the top row', () => {
    expect(textRows([win(159, 'etcd quorum lost'), win(161, 'control plane down'), win(700, 'control plane down')])).toEqual([0, 1, 0]);
  });

  /** The window names of an SVG as boxes: 10px italic text, a generous 6.5 px a character. */
  const names = (svg: string) => [...svg.matchAll(/<text class="window-label" x="([\d.]+)" y="([\d.]+)" text-anchor="(start|end)">([^<]*)<\/text>/g)].map((m) => {
    const w = m[4].length * 6.5;
    const x = m[3] === 'start' ? Number(m[1]) : Number(m[1]) - w;
    return { text: m[4], x, y: Number(m[2]) - 9, w, h: 11 };
  });

  test.each([['at one instant', 0], ['3 s apart', 3], ['20 s apart', 20]])('in the SVG, windows %s: the names never overprint and stay in the picture', (_n, dt) => {
    const r = handmadeReport();
    const etcd = { ...r.windows![1], start: new Date(Date.parse(r.windows![0].start) - dt * 1000).toISOString() };
    const svg = renderSwimlane(r.incidents[0], 'UTC', { windows: [etcd, r.windows![0]] });
    const boxes = names(svg);
    expect(boxes.map((b) => b.text)).toEqual(['etcd quorum lost', 'control plane down']);
    const [a, b] = boxes;
    expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);
    for (const x of boxes) expect(x.x >= 0 && x.x + x.w <= 760).toBe(true);
  });
});
