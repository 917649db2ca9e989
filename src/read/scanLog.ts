// One log body -> an unfinished scanner (on the main thread or in a worker): identity from the
// path and options, the binary gate, the chunked line stage; a body that starts with a
// `kubectl get nodes -o wide` header is inventory instead, whatever its name.
import type { Readable } from 'node:stream';
import type { Role } from '../types';
import { isNodesHeader, NodesTable } from './inventory';
import { identify } from './identity';
import { gated, NotText } from './sources/open';
import { PerLine, scanStream, type LineSink } from './lines';
import { SourceScanner } from './scanner';

export interface ReadOptions {
  node?: string;
  role?: Role;
  year?: number;
  /** bytes read of the log being scanned (progress); main thread only: a function does not cross to workers */
  onBytes?: (bytes: number) => void;
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

/** A log body scanned into a scanner that is not finished yet (here or in a worker thread). */
export interface ScannedLog {
  scanner: SourceScanner;
  /** set when the file turned out to be a `kubectl get nodes -o wide` table */
  table: NodesTable | null;
  failure: string | null;
  /** set when the body is binary: the file is skipped */
  notText: string | null;
}

/** Scans one log body: identity from the path and options, then the chunked line stage. */
export async function scanLog(path: string, body: Readable, mtime: number | null, o: ReadOptions): Promise<ScannedLog> {
  const id = identify(path);
  if (o.node && !id.node) { id.node = o.node; id.nodeFrom = '--node'; }
  if (o.role && id.role === 'unknown') id.role = o.role;
  if (o.year) { id.refYear = o.year; id.refMonth = null; }
  const scanner = new SourceScanner({ ...id, mtime }, 0);
  const sink = new LogSink(scanner);
  const out: ScannedLog = { scanner, table: null, failure: null, notText: null };
  try {
    const stats = await scanStream(gated(body), sink, o.onBytes);
    if (stats.cut) scanner.warnings.push(`${stats.cut} overlong line(s) cut at 64 KiB (line ${stats.cutLines.join(', ')})`);
  } catch (e) {
    if (e instanceof NotText) out.notText = e.message;
    else out.failure = `read error after line ${scanner.lines}: ${(e as Error).message}; the lines before it are analysed`;
  }
  out.table = sink.table;
  return out;
}
