// Every format's own samples, paste artifacts, and the timestamp readers.
import { FORMATS, cleanLine, parseLine, sniffLine } from '../../src/formats/registry';
import { parseWith } from '../../src/formats/format';
import { checkFormat, checkFormats } from '../../src/formats/validate';
import { readDate1, readRfc3339, readSyslog } from '../../src/formats/timestamps';
import { parseLogfmt } from '../../src/formats/logfmt';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

describe('format registry', () => {
  test('names are unique and every sample parses as declared', () => {
    expect(checkFormats()).toEqual([]);
  });
  test.each(FORMATS.map((f) => [f.name, f] as const))('%s carries samples that pass', (_n, f) => {
    expect(f.samples.length).toBeGreaterThan(0);
    expect(checkFormat(f)).toEqual([]);
  });
  test('a broken format is reported with its name and pattern', () => {
    const broken = { ...FORMATS[0], samples: [{ line: 'nonsense', expect: {} }] };
    expect(checkFormat(broken)[0]).toMatch(/format logrus .*sniff/);
  });
});

describe('paste artifacts', () => {
  const line = 'time="2022-12-29T17:13:53+08:00" level=info msg="Stopped tunnel to 10.113.207.142:9345"';
  test.each([
    ['leading spaces', '    ' + line],
    ['quote prefix', '> ' + line],
    ['nested quote prefix', '> > ' + line],
    ['CRLF', line + '\r'],
    ['tab indent', '\t' + line],
  ])('%s are removed', (_n, raw) => {
    const rec = parseLine(cleanLine(raw));
    expect(rec?.msg).toBe('Stopped tunnel to 10.113.207.142:9345');
    expect(iso(rec!.time)).toBe('2022-12-29T09:13:53.000Z');
  });
  test('a line cut short keeps what it has', () => {
    const rec = parseLine('time="2022-12-29T17:13:37+08:00" level=error msg="Remotedialer proxy error" error="websocket: close 10');
    expect(rec?.msg).toBe('Remotedialer proxy error');
    expect(rec?.fields.error).toBe('websocket: close 10');
  });
  test('blank, ellipsis and prose lines are not recognised', () => {
    for (const l of ['', '...', '......', 'The reaper ran twice.', '$ kubectl logs -n pod-reaper pod-reaper-27871780-tpwzm']) {
      expect(sniffLine(cleanLine(l)) && parseLine(cleanLine(l)) !== null).toBe(false);
    }
  });
});

describe('timestamps', () => {
  test('date(1) with a space-padded day', () => {
    expect(iso(readDate1('Jan  5 09:40:01 UTC 2023').time)).toBe('2023-01-05T09:40:01.000Z');
  });
  test('RFC 3339 with offsets without colon and trimmed fractions (etcd 3.5.9)', () => {
    expect(iso(readRfc3339('2023-11-22T17:13:41.233417+0800').time)).toBe('2023-11-22T09:13:41.233Z');
    expect(iso(readRfc3339('2023-11-22T09:13:30.1Z').time)).toBe('2023-11-22T09:13:30.100Z');
    expect(iso(readRfc3339('2022-12-29T17:13:37-05:00').time)).toBe('2022-12-29T22:13:37.000Z');
  });
  test('journald short time has no year and no zone', () => {
    const t = readSyslog('Dec 29 17:13:37');
    expect(t.time).toBeNull();
    expect(t.local).toMatchObject({ year: null, month: 12, day: 29, hour: 17 });
  });
  test('garbage times are rejected, not thrown', () => {
    expect(readRfc3339('2022-13-45T99:99:99Z').time).toBeNull();
    expect(readDate1('Foo 99 99:99:99 UTC 2022').time).toBeNull();
  });
});

describe('logfmt fields', () => {
  test('escaped quotes and newlines inside values (logrus %q)', () => {
    const f = parseLogfmt('msg="a \\"quoted\\" word\\nnext" error= url="wss://10.0.0.12:9345/v1-rke2/connect"');
    expect(f).toEqual({ msg: 'a "quoted" word\nnext', error: '', url: 'wss://10.0.0.12:9345/v1-rke2/connect' });
  });
  test('journald line with a klog payload takes the payload fields', () => {
    const rec = parseWith(FORMATS.find((f) => f.name === 'journald')!, 'Dec 29 09:19:12 ecs-m1 rke2[1532]: I1229 09:19:12.989653       1 taint_manager.go:106] "NoExecuteTaintManager is deleting pod" pod="default/web-0"');
    expect(rec).toMatchObject({ host: 'ecs-m1', msg: 'NoExecuteTaintManager is deleting pod', fields: { pod: 'default/web-0' } });
  });
});
