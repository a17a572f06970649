// How each tool is started: tsible-playbook, ansible-playbook with its defaults, tuned (forks = hosts,
// pipelining), with Mitogen (mitogen_linear, forks = hosts), plain scp for the copy case, and the OpenSSH
// ControlMaster shell loop that is the no-change run's floor for a tool of one ssh command per step.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ToolName } from './options.js';

export const MITOGEN_STRATEGY_DIR = '/usr/lib/python3/dist-packages/ansible_mitogen/plugins/strategy';

export interface ToolRun {
  /** playbook run (absolute path), its directory is the cwd */
  playbook: string;
  inventory: string;
  hostCount: number;
  ips: readonly string[];
  extraVars: Record<string, string>;
  /** HOME with .ssh/id_ed25519 and known_hosts (a copy of the lab's) */
  home: string;
  /** ansible.cfg with nothing set, so every Ansible run has the defaults whatever the cwd */
  ansibleCfg: string;
  /** a fresh ControlPath dir per run: no run reuses an earlier run's ssh masters */
  controlDir: string;
  projectRoot: string;
  cpuProfDir?: string;
}

export interface ToolCommand {
  cmd: string[];
  env: NodeJS.ProcessEnv;
  /** prints a PLAY RECAP */
  recap: boolean;
}

/** Why a tool cannot run on this machine, or undefined when it can. */
export function toolUnavailable(tool: ToolName, which: (bin: string) => boolean): string | undefined {
  if (tool === 'mitogen' && !existsSync(join(MITOGEN_STRATEGY_DIR, 'mitogen_linear.py'))) {
    return `Mitogen strategy missing (${MITOGEN_STRATEGY_DIR}; apt-get install ansible-mitogen)`;
  }
  if ((tool === 'ansible' || tool === 'tuned' || tool === 'mitogen') && !which('ansible-playbook')) {
    return 'ansible-playbook not found (apt-get install ansible-core ansible)';
  }
  if ((tool === 'scp' || tool === 'ssh-cm') && !which(tool === 'scp' ? 'scp' : 'ssh')) return `${tool} not found`;
  return undefined;
}

/** round trips per host of the ssh-cm reference: the figure for the paas no-change run */
export const SSH_CM_STEPS = 17;

function extraArgs(vars: Record<string, string>): string[] {
  return Object.entries(vars).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
}

/** The command line and environment of one run of `tool`. */
export function toolCommand(tool: ToolName, r: ToolRun): ToolCommand {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: r.home,
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    ANSIBLE_CONFIG: r.ansibleCfg,
    ANSIBLE_HOST_KEY_CHECKING: 'False',
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_RETRY_FILES_ENABLED: 'False',
    ANSIBLE_PYTHON_INTERPRETER: 'auto_silent',
    ANSIBLE_SSH_CONTROL_PATH_DIR: r.controlDir,
  };
  const n = String(r.hostCount);
  const ansible = ['ansible-playbook', '-i', r.inventory, ...extraArgs(r.extraVars), r.playbook];
  switch (tool) {
    case 'tsible': {
      const prof = r.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', r.cpuProfDir] : [];
      const bin = join(r.projectRoot, 'bin', 'tsible-playbook.js');
      return {
        cmd: [process.execPath, ...prof, bin, '-i', r.inventory, '-f', n, ...extraArgs(r.extraVars), r.playbook],
        env,
        recap: true,
      };
    }
    case 'ansible':
      return { cmd: ansible, env, recap: true };
    case 'tuned':
      return { cmd: ansible, env: { ...env, ANSIBLE_FORKS: n, ANSIBLE_PIPELINING: 'True' }, recap: true };
    case 'mitogen':
      return {
        cmd: ansible,
        env: { ...env, ANSIBLE_FORKS: n, ANSIBLE_STRATEGY_PLUGINS: MITOGEN_STRATEGY_DIR, ANSIBLE_STRATEGY: 'mitogen_linear' },
        recap: true,
      };
    case 'scp': {
      const src = r.extraVars['bench_src'];
      if (!src) throw new Error('scp only runs in the copy case');
      // one scp per host, all at once, like the playbook tools' parallel hosts
      const script =
        'src=$1 dest=$2; shift 2; pids=(); for ip; do scp -q -o BatchMode=yes "$src" "root@$ip:$dest" & pids+=($!); done; ' +
        'rc=0; for p in "${pids[@]}"; do wait "$p" || rc=1; done; exit $rc';
      return { cmd: ['bash', '-c', script, 'bench-scp', src, '/opt/bench/big.bin', ...r.ips], env, recap: false };
    }
    case 'ssh-cm': {
      // every host at once: one ControlMaster connection, then SSH_CM_STEPS commands through it, one after another
      const script =
        'dir=$1 n=$2; shift 2; pids=(); ' +
        'for ip; do ( o=(-o BatchMode=yes -o ControlPath="$dir/%C"); ' +
        'ssh "${o[@]}" -o ControlMaster=yes -o ControlPersist=60 -fN "root@$ip" || exit 1; ' +
        'for ((i = 0; i < n; i++)); do ssh "${o[@]}" "root@$ip" true || exit 1; done; ' +
        'ssh "${o[@]}" -O exit "root@$ip" 2>/dev/null ) & pids+=($!); done; ' +
        'rc=0; for p in "${pids[@]}"; do wait "$p" || rc=1; done; exit $rc';
      return { cmd: ['bash', '-c', script, 'bench-ssh-cm', r.controlDir, String(SSH_CM_STEPS), ...r.ips], env, recap: false };
    }
  }
}
