// What a file is, from its name alone: a log to scan, a bundle inventory file read before assembly
// (`systeminfo/date`, `rke2/kubectl/nodes`), or something that is not a log (skipped, with a reason).

export type FileKind = { kind: 'log' } | { kind: 'date' } | { kind: 'nodes' } | { kind: 'skip'; reason: string };

/** Name patterns of files that are not logs; checked on the name without a trailing `.gz`. */
const NOT_LOGS: Array<[RegExp, string]> = [
  [/\.(?:png|jpe?g|gif|svg|ico|bmp|webp|pdf)$/i, 'image or document, not a log'],
  [/\.(?:json|ya?ml|toml|ini|cfg|conf|service|env)$/i, 'manifest or configuration, not a log'],
  [/\.(?:pem|crt|key|csr|kubeconfig)$/i, 'certificate or key, not a log'],
  [/\.(?:so|bin|exe|db|sqlite|rpm|deb|jar|pyc|class)$/i, 'binary, not a log'],
  [/\.(?:xz|bz2|zst|7z|rar|lz4)$/i, 'compressed in a format not read here (xz, bzip2, zstd, 7z, rar, lz4): extract it and pass the folder'],
  [/(?:^|[/!])rke2\/kubectl\/(?!nodes(?:\.txt)?$)[^/!]+$/, 'kubectl output: only rke2/kubectl/nodes is read (to name addresses)'],
  [/(?:^|[/!])rke2\/kubectl\/[^/!]+\//, 'kubectl output: only rke2/kubectl/nodes is read (to name addresses)'],
  [/(?:^|[/!])(?:systeminfo|networking)\//, 'system or network information, not a log'],
  // a bundle zipped on a Mac carries Finder metadata beside every file
  [/(?:^|[/!])(?:__MACOSX\/|\._[^/!]{1,255}$|\.DS_Store$)/, 'macOS metadata, not a log'],
  [/(?:^|[/!])rke2\/(?:crictl|pod-manifests|etc)\//, 'runtime state or manifest, not a log'],
  [/(?:^|[/!])systemlogs\/(?:atop|sa|sysstat)-data\//, 'performance data, not a log'],
];

/** Classifies a path (file or `archive!member`). */
export function fileKind(path: string): FileKind {
  const p = path.replace(/\\/g, '/').replace(/\.gz$/i, '');
  if (/(?:^|[/!])systeminfo\/date$/.test(p)) return { kind: 'date' };
  if (/(?:^|[/!])kubectl\/nodes(?:\.txt)?$/.test(p)) return { kind: 'nodes' };
  for (const [re, reason] of NOT_LOGS) if (re.test(p)) return { kind: 'skip', reason };
  return { kind: 'log' };
}
