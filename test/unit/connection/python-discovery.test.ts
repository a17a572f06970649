// Interpreter discovery's choice from what the probe printed (interpreter_discovery.py, mode auto).
import { describe, expect, it } from 'vitest';
import { discoveredPython } from '../../../src/connection/python-discovery.js';

const probed = (found: string[], osRelease: string, platform = 'Linux'): string => `${platform}\n${found.join('\n')}\nTSIBLE-OS-RELEASE\n${osRelease}`;

describe('the discovered interpreter', () => {
  it("is the distribution's own Python when it is there, though another comes first in the list (Debian 12)", () => {
    expect(discoveredPython(probed(['/root/.pyenv/shims/python3.11', '/usr/bin/python3'], 'ID=debian\nVERSION_ID="12"\n'))).toBe('/usr/bin/python3');
  });

  it('goes by the nearest older version in the map, and by the family for a distribution not in it', () => {
    expect(discoveredPython(probed(['/usr/bin/python3.10', '/usr/bin/python3'], 'ID=ubuntu\nVERSION_ID="22.04"\n'))).toBe('/usr/bin/python3');
    expect(discoveredPython(probed(['/usr/bin/python3.9', '/usr/libexec/platform-python'], 'ID="rocky"\nVERSION_ID="8.9"\n'))).toBe('/usr/libexec/platform-python');
  });

  it('is the first one found for an unmapped distribution, a missing own Python or another platform', () => {
    expect(discoveredPython(probed(['/usr/bin/python3.11', '/usr/bin/python3'], 'ID=alpine\nVERSION_ID=3.18.4\n'))).toBe('/usr/bin/python3.11');
    expect(discoveredPython(probed(['/usr/local/bin/python3.9'], 'ID=debian\nVERSION_ID="12"\n'))).toBe('/usr/local/bin/python3.9');
    expect(discoveredPython(probed(['/usr/local/bin/python3.9', '/usr/bin/python3'], '', 'FreeBSD'))).toBe('/usr/local/bin/python3.9');
  });

  it('is none on a host without Python', () => {
    expect(discoveredPython(probed([], 'ID=debian\nVERSION_ID="12"\n'))).toBeUndefined();
  });
});
