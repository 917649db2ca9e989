// One log body -> a scanned input, plain data (on the main thread or in a worker): identity from
// the path, the binary gate, the chunked line stage; a body that starts with a `kubectl get nodes
// -o wide` header is inventory instead, whatever its name.
import type { Readable } from 'node:stream';
import type { Role } from '../types';
import { isNodesHeader, NodesTable } from './inventory';
import { identify } from './identity';
import { gated, gateBytes, NotText } from './sources/open';
import { stoppedByBudget } from './sources/members';
import { LineFeeder, PerLine, scanStream, type LineSink } from './lines';
import { SourceScanner, type Scanned } from './scanner';
import type { Spool } from './spool';
import type { ScanEdge } from './mergeScans';

export interface ReadOptions {
  node?: string;
  role?: Role;
  year?: number;
  /** bytes read of the log being scanned (progress); main thread only: a function does not cross to workers */
  onBytes?: (bytes: number) => void;
  /** every classified line goes here too (the events command); main thread only */
  spool?: Spool;
  /** runs an input keeps before repeats join their run across silences (runs.ts RUN_BUDGET; tests set it small) */
  runBudget?: number;
}

/**
 * A log file's sink: the scanner's chunk path, unless the first line is a `kubectl get nodes -o
 * wide` header, which makes the file inventory whatever its name.
 */
class LogSink implements LineSink {
  table: NodesTable | null = null;
  private first = true;
  constructor(private scanner: SourceScanner) {}
  get cut() { return this.scanner.cut; }
  get cutLines() { return this.scanner.cutLines; }
  get maxLine() { return this.scanner.maxLine; }
  feed(s: string, from = 0, to = s.length): void {
    if (this.first) {
      this.first = false;
      const nl = s.indexOf('\n', from);
      if (isNodesHeader(s.slice(from, nl < 0 || nl > to ? to : nl))) this.table = new NodesTable();
    }
    if (this.table) new PerLine((l) => this.table!.line(l)).feed(s, from, to);
    else this.scanner.feed(s, from, to);
  }
}

/** A log body scanned (here or in a worker thread): plain data, finished later with the other inputs. */
export interface ScannedLog {
  scanned: Scanned | null;
  /** the spool's number for this scan's members, when a spool listens */
  spoolId?: number;
  /** set when the file turned out to be a `kubectl get nodes -o wide` table */
  table: NodesTable | null;
  failure: string | null;
  /** set when the body is binary: the file is skipped */
  notText: string | null;
  /** the scanner state at the ends, when asked for (the first part of a file cut into parts) */
  edge?: ScanEdge;
}

/** Scans one log body: identity from the path, then the chunked line stage. Options apply when inputs are finished. */
export async function scanLog(path: string, body: Readable, mtime: number | null, o: ReadOptions, withEdge = false): Promise<ScannedLog> {
  const { scanner, sink, out } = start(path, mtime, o);
  try {
    await scanStream(gated(body), sink, o.onBytes);
  } catch (e) {
    failed(out, scanner, e);
  }
  return ended(out, scanner, sink, withEdge);
}

/**
 * scanLog for a body read whole (a small file): the same gate, line stage and result, with no
 * stream and no async iteration (a folder of 100,000 small logs).
 */
export function scanLogBytes(path: string, bytes: Buffer, mtime: number | null, o: ReadOptions): ScannedLog {
  const { scanner, sink, out } = start(path, mtime, o);
  try {
    const f = new LineFeeder(sink);
    for (const b of gateBytes(bytes)) {
      o.onBytes?.(b.length);
      f.chunk(b);
    }
    f.end();
  } catch (e) {
    failed(out, scanner, e);
  }
  return ended(out, scanner, sink, false);
}

function start(path: string, mtime: number | null, o: ReadOptions): { scanner: SourceScanner; sink: LogSink; out: ScannedLog } {
  const scanner = new SourceScanner(identify(path, mtime), o.runBudget);
  const sink = new LogSink(scanner);
  const out: ScannedLog = { scanned: null, table: null, failure: null, notText: null };
  if (o.spool) {
    const spool = o.spool;
    const input = (out.spoolId = spool.nextId());
    scanner.onMember = (run, stamp) => spool.add({ input, run, stamp });
  }
  return { scanner, sink, out };
}

function failed(out: ScannedLog, scanner: SourceScanner, e: unknown): void {
  if (e instanceof NotText) out.notText = e.message;
  // the archive ran out of budget inside this log: its one warning names it; the lines before are read
  else if (!stoppedByBudget(e)) out.failure = `read error after line ${scanner.result().lines}: ${(e as Error).message}; the lines before it are analysed`;
}

function ended(out: ScannedLog, scanner: SourceScanner, sink: LogSink, withEdge: boolean): ScannedLog {
  out.table = sink.table;
  if (!out.table && !out.notText) out.scanned = scanner.result();
  if (withEdge) out.edge = scanner.edge();
  return out;
}
