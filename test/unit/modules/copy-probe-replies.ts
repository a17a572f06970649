// Replies in the shape copy's (and file's) one-round-trip probe prints, for scripting a FakeConnection.

export const WHO = '@who=uid=1000(ann) gid=1000(staff) groups=1000(staff)\n@umask=0022';

/** A `@begin`..`@end` stat block as the probe prints it. */
export function statBlock(s: { type: string; mode?: string; uid?: number; gid?: number; owner?: string; group?: string; size?: number; checksum?: string; content?: string; target?: string; ino?: string; mtime?: number }): string {
  if (s.type === 'absent') return '@begin\ntype=absent\n@end';
  const lines = ['@begin', `type=${s.type}`, `mode=${s.mode ?? '644'}`, `uid=${s.uid ?? 1000}`, `gid=${s.gid ?? 1000}`, `owner=${s.owner ?? 'ann'}`, `group=${s.group ?? 'staff'}`, `size=${s.size ?? 0}`, `ino=${s.ino ?? '1:1'}`, 'atime=1', `mtime=${s.mtime ?? 1}`];
  if (s.target !== undefined) lines.push(`target=${s.target}`);
  if (s.checksum !== undefined) lines.push(`checksum=${s.checksum}`);
  if (s.content !== undefined) lines.push(`content=${Buffer.from(s.content).toString('base64')}`);
  lines.push('@end');
  return lines.join('\n');
}
